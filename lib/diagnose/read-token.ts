import { AppError } from "@/lib/errors";
import { decodeUnverified, type DecodedToken } from "@/lib/tokens/decode";
import { normalizeToken } from "@/lib/tokens/normalize";
import type { TokenProblem } from "@/lib/tokens/problems";

export type ReadToken = DecodedToken & { text: string };

/**
 * The problem document names the failing position, so the page can mark it
 * in the kept paste, and carries the protected header of a JWE or nested
 * JWT: it is not encrypted and says what the token is (SECURITY.md J10).
 */
function problemError(problem: TokenProblem): AppError {
  if (problem.status === 413)
    return new AppError("payload_too_large", { message: problem.message });
  const { position, header } = problem;
  return new AppError("validation_failed", {
    message: problem.message,
    invalidParams: [{ name: "token", reason: problem.message }],
    details: { ...(position === undefined ? {} : { position }), ...(header ? { header } : {}) },
  });
}

/** The pasted text normalised and strictly decoded, or the 413/422 that explains why not. */
export function readToken(input: string): ReadToken {
  const normalized = normalizeToken(input);
  if (!normalized.ok) throw problemError(normalized.problem);
  const decoded = decodeUnverified(normalized.text);
  if (!decoded.ok) throw problemError(decoded.problem);
  return { ...decoded, text: normalized.text };
}
