import { AppError } from "@/lib/errors";
import { decodeUnverified, type DecodedToken } from "@/lib/tokens/decode";
import { normalizeToken } from "@/lib/tokens/normalize";
import type { TokenProblem } from "@/lib/tokens/problems";

export type ReadToken = DecodedToken & { text: string };

function problemError(problem: TokenProblem): AppError {
  return problem.status === 413
    ? new AppError("payload_too_large", { message: problem.message })
    : new AppError("validation_failed", {
        message: problem.message,
        invalidParams: [{ name: "token", reason: problem.message }],
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
