// Why a sealed secret did not open. Messages name the key id (a fingerprint)
// and the variables to check, never the plaintext, the AAD's secret part or
// any key bytes.

export type SecretErrorCode = "malformed" | "unknown_key" | "not_authentic";

export class SecretError extends Error {
  override name = "SecretError";
  readonly code: SecretErrorCode;

  constructor(code: SecretErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
