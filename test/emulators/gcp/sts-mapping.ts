import type { Provider } from "./state";
import { CelRuntimeError, evaluateSimpleCel } from "./sts-cel";

// What the emulated STS does once the token is trusted: the provider's
// attributeMapping, the google.subject limits, then its attributeCondition.
// https://cloud.google.com/iam/docs/workload-identity-federation#mapping
// https://cloud.google.com/iam/docs/workload-identity-federation#conditions
// Texts: CLOUDS.md 3.3-3.4 (GCP troubleshooting, circleci-docs#8541, auth#378).

export type OAuthError = { status: number; error: string; error_description: string };
export type Mapped = { pool: string; subject: string; attributes: Record<string, string> };

export const refuse = (error: string, description: string, status = 400): OAuthError => ({
  status,
  error,
  error_description: description,
});

const MAX_SUBJECT_BYTES = 127;
const rejectedByCondition = refuse(
  "unauthorized_client",
  "The given credential is rejected by the attribute condition.",
);

function evaluate(expression: string, bindings: Record<string, unknown>) {
  try {
    return { ok: true as const, value: evaluateSimpleCel(expression, bindings) };
  } catch (error) {
    if (error instanceof CelRuntimeError) return { ok: false as const, reason: error.message };
    throw error;
  }
}

export function mapAssertion(
  provider: Provider,
  claims: Record<string, unknown>,
): OAuthError | Mapped {
  const mapping = provider.attributeMapping ?? {};
  const attributes: Record<string, string> = {};
  let subject: unknown;
  for (const [target, expression] of Object.entries(mapping)) {
    const result = evaluate(expression, { assertion: claims });
    if (target === "google.subject") {
      // Google's text for a google.subject the token cannot give is not documented.
      if (!result.ok)
        return refuse("invalid_request", `google.subject could not be mapped: ${result.reason}.`);
      subject = result.value;
    } else if (target.startsWith("attribute.") && result.ok && typeof result.value === "string") {
      // A custom attribute the token cannot give is left out of the principal.
      attributes[target.slice("attribute.".length)] = result.value;
    }
  }
  if (typeof subject !== "string") {
    return refuse(
      "unauthorized_client",
      "The mapped attribute 'google.subject' must be of type STRING.",
    );
  }
  if (new TextEncoder().encode(subject).length > MAX_SUBJECT_BYTES) {
    return refuse(
      "invalid_request",
      "The size of mapped attribute google.subject exceeds the 127 bytes limit. Either modify your attribute mapping or the incoming assertion to produce a mapped attribute that is less than 127 bytes.",
    );
  }
  if (provider.attributeCondition) {
    const condition = evaluate(provider.attributeCondition, {
      assertion: claims,
      attribute: attributes,
      google: { subject },
    });
    if (!condition.ok || condition.value !== true) return rejectedByCondition;
  }
  const pool = provider.name.slice(0, provider.name.indexOf("/providers/"));
  return { pool, subject, attributes };
}
