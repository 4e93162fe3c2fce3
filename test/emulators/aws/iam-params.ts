import { validationError } from "./iam-error";

// Query API lists arrive as Name.member.1, Name.member.2, …
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonParameters.html
export function listParam(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) {
    values.push(params.get(`${name}.member.${i}`) ?? "");
  }
  return values;
}

export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === "") {
    throw validationError(
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}
