import type { SignatureResult } from "@/lib/diagnose/check-signature";
import { readToken } from "@/lib/diagnose/read-token";
import { AppError } from "@/lib/errors";
import { parseEvaluatorBinding } from "@/lib/federation/evaluate-binding";
import { cloudCatalog, cloudEvaluator } from "@/lib/clouds/registry";
import { presentEvaluation, type PublicEvaluation } from "@/lib/federation/public-evaluation";
import type { TokenFacts } from "@/lib/federation/types";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import type { TEvaluateInput } from "@/lib/schemas/diagnose";

export type VerifyToken = (
  token: string,
  header: Record<string, unknown>,
  iss: string,
) => Promise<SignatureResult>;

/**
 * The stateless what-if behind POST /api/v1/evaluate and `fedlens evaluate`:
 * one binding in its cloud's own terms, a token (verified with `verify`) or
 * bare claims (signature not checked; the header's alg still is), a time.
 */
export async function evaluateWhatIf(
  input: TEvaluateInput,
  verify: VerifyToken,
): Promise<PublicEvaluation> {
  const parsed = parseEvaluatorBinding(input.binding.cloud, input.binding);
  if (!parsed.ok) {
    // A catalogued binding's stored spec is the form's shape, not the cloud's.
    const isStoredSpec = cloudCatalog(input.binding.cloud).bindingSpecSchema.safeParse(
      input.binding,
    ).success;
    throw new AppError("validation_failed", {
      message: isStoredSpec
        ? `The ${input.binding.cloud} binding is a catalogued binding's stored spec; send its evaluateBinding (GET /api/v1/bindings/{id}, or Copy as what-if body on its page) instead.`
        : `The ${input.binding.cloud} binding is invalid.`,
      invalidParams: invalidParamsFrom(parsed.error).map((param) => ({
        ...param,
        name: `binding.${param.name}`,
      })),
    });
  }
  let token: TokenFacts;
  if (input.token) {
    const decoded = readToken(input.token);
    const iss = typeof decoded.claims.iss === "string" ? decoded.claims.iss : "";
    const signature = await verify(decoded.text, decoded.header, iss);
    token = {
      header: decoded.header,
      claims: decoded.claims,
      signature: signature.status,
      signatureReason: signature.message,
    };
  } else {
    token = { header: input.header ?? {}, claims: input.claims ?? {}, signature: "skipped" };
  }
  return presentEvaluation(
    cloudEvaluator(parsed.cloud).evaluate({
      token,
      binding: parsed.binding,
      request: input.request,
      at: input.at ? new Date(input.at) : new Date(),
    }),
  );
}
