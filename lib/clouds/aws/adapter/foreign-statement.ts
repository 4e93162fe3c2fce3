import type { TAwsOidcProvider } from "@/lib/clouds/aws/target-config";
import { isRecord } from "@/lib/json/is-record";
import { webIdentityProvider } from "./web-identity";

// Plain words for a trust statement Fedlens shows but does not import.
// Principal kinds: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === "string",
  );

function whoIsTrusted(statement: Record<string, unknown>): string {
  const principal = statement.Principal;
  if (principal === "*") return 'Trusts anyone (Principal "*")';
  if (!isRecord(principal)) return "Has no principal Fedlens can read";
  const parts: string[] = [];
  if (principal.Service !== undefined)
    parts.push(`the AWS service ${list(principal.Service).join(", ")}`);
  if (principal.AWS !== undefined)
    parts.push(`the AWS principal ${list(principal.AWS).join(", ")}`);
  if (principal.Federated !== undefined)
    parts.push(`the federated provider ${list(principal.Federated).join(", ")}`);
  if (principal.CanonicalUser !== undefined) parts.push("a canonical user");
  return parts.length ? `Trusts ${parts.join(" and ")}` : "Has an empty principal";
}

export function describeForeign(
  statement: Record<string, unknown>,
  state: { provider?: TAwsOidcProvider; sidOk: boolean; taken: boolean },
): string {
  const who = whoIsTrusted(statement);
  const arn = webIdentityProvider(statement);
  if (!arn) {
    const federated = isRecord(statement.Principal) ? list(statement.Principal.Federated) : [];
    if (federated.length > 1) {
      return `${who} in one statement; a Fedlens binding names one OIDC provider.`;
    }
    return `${who}; Fedlens manages only web-identity statements for the account's OIDC providers.`;
  }
  if (!state.provider) {
    return `${who}, which is not one of this account's IAM OIDC providers (a provider built into AWS, a SAML provider, or one that was deleted).`;
  }
  if (!state.sidOk) {
    return `${who}, but its Sid has characters other than letters and digits, so Fedlens cannot name a binding after it.`;
  }
  if (state.taken) return `${who}, with the same Sid as another statement of this trust policy.`;
  return `${who}, in a form the catalogue does not accept.`;
}
