// One error the emulator answers with: the IAM code and its HTTP status as the
// API reference lists them under each action's "Errors".
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
export class IamError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const noSuchEntity = (message: string) => new IamError("NoSuchEntity", 404, message);
export const invalidInput = (message: string) => new IamError("InvalidInput", 400, message);
export const validationError = (message: string) => new IamError("ValidationError", 400, message);
