import { assumeRoleWithWebIdentity } from "@/lib/clouds/aws/trust-statement";
import { isRecord } from "@/lib/json/is-record";

// Which trust statements are web-identity grants (CLOUDS.md 2.3): Action
// names sts:AssumeRoleWithWebIdentity and Principal.Federated one provider.

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** The provider ARN a web-identity statement names (one, as a binding needs), if it is one. */
export function webIdentityProvider(statement: Record<string, unknown>): string | undefined {
  const actions = list(statement.Action);
  const wanted = assumeRoleWithWebIdentity.toLowerCase();
  // IAM action names are case-insensitive.
  if (!actions.some((action) => typeof action === "string" && action.toLowerCase() === wanted)) {
    return undefined;
  }
  const principal = statement.Principal;
  const federated = isRecord(principal) ? list(principal.Federated) : [];
  return federated.length === 1 && typeof federated[0] === "string" ? federated[0] : undefined;
}
