import { armError, type ArmError } from "./arm-errors";

// API versions of Microsoft.ManagedIdentity that carry federatedIdentityCredentials.
// https://github.com/Azure/azure-rest-api-specs/tree/main/specification/msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity
export const STABLE_API_VERSION = "2024-11-30";
// The preview whose FederatedIdentityCredentialProperties carries claimsMatchingExpression
// (examples/FlexibleFederatedIdentityCredentialGet.json in preview/2025-05-31-preview, and
// the same example in preview/2025-01-31-preview).
export const FLEXIBLE_API_VERSION = "2025-05-31-preview";
const FLEXIBLE_VERSIONS = new Set(["2025-01-31-preview", FLEXIBLE_API_VERSION]);
export const FIC_VERSIONS: ReadonlySet<string> = new Set([
  "2022-01-31-preview",
  "2023-01-31",
  "2023-07-31-preview",
  STABLE_API_VERSION,
  ...FLEXIBLE_VERSIONS,
]);

export function isFlexibleVersion(apiVersion: string): boolean {
  return FLEXIBLE_VERSIONS.has(apiVersion);
}

// ARM answers a missing or unknown api-version with these 400 codes.
// https://learn.microsoft.com/en-us/azure/azure-resource-manager/troubleshooting/error-register-resource-provider
export function checkApiVersion(
  apiVersion: string,
  type = "userAssignedIdentities/federatedIdentityCredentials",
  versions: ReadonlySet<string> = FIC_VERSIONS,
): ArmError | undefined {
  if (!apiVersion) {
    return armError(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests.",
    );
  }
  if (!versions.has(apiVersion)) {
    return armError(
      400,
      "NoRegisteredProviderFound",
      `No registered resource provider found for API version '${apiVersion}' and type '${type}'.`,
    );
  }
  return undefined;
}

// federatedIdentityCredentialResourceName pattern, ManagedIdentity.json (stable/2024-11-30);
// CLOUDS.md §1.5: 3–120 characters, first alphanumeric.
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-_]{2,119}$/;
// Field sizes: issuer, subject and the audience ≤ 600 characters (CLOUDS.md §1.5,
// https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations).
const MAX_FIELD = 600;

// At most 20 FICs per application or user-assigned identity (CLOUDS.md §1.5;
// https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations).
export const MAX_FICS_PER_OWNER = 20;

export function isValidFicName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

export function checkName(name: string): ArmError | undefined {
  if (isValidFicName(name)) return undefined;
  return armError(400, "BadRequest", `Federated Identity Credential name '${name}' is invalid.`);
}

export type FicProperties = {
  issuer: string;
  subject?: string;
  audiences: string[];
  claimsMatchingExpression?: { value: string; languageVersion: number };
};

function isShortString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= MAX_FIELD;
}

// The FIC fields both homes share (ARM `properties`, Graph's flat object): issuer
// (a URI), subject and one audience required; where flexible credentials exist
// (ARM 2025-*-preview, Graph beta) subject or claimsMatchingExpression, never both.
// ManagedIdentity.json (stable/2024-11-30, preview/2025-05-31-preview); CLOUDS.md §1.1;
// https://learn.microsoft.com/en-us/graph/api/resources/federatedidentitycredential
// Returns the parsed fields, or the message of a 400.
export function parseFicFields(
  props: Record<string, unknown>,
  allowFlexible: boolean,
): FicProperties | string {
  const { issuer, subject, audiences, claimsMatchingExpression: cme } = props;
  if (!isShortString(issuer) || !URL.canParse(issuer))
    return "The issuer must be a valid URI of at most 600 characters.";
  if (!Array.isArray(audiences) || audiences.length !== 1 || !isShortString(audiences[0])) {
    return "Exactly one audience of at most 600 characters is required.";
  }
  const flexible = allowFlexible && cme !== undefined && cme !== null;
  if (flexible && subject !== undefined && subject !== null)
    return "Specify either subject or claimsMatchingExpression, not both.";
  if (flexible) {
    const { value, languageVersion } = cme as Record<string, unknown>;
    if (!isShortString(value) || languageVersion !== 1)
      return "claimsMatchingExpression needs a value and languageVersion 1.";
    return {
      issuer,
      audiences: [audiences[0]],
      claimsMatchingExpression: { value, languageVersion },
    };
  }
  if (!isShortString(subject)) return "The subject is required and must be at most 600 characters.";
  return { issuer, subject, audiences: [audiences[0]] };
}

export function parseFicBody(body: unknown, apiVersion: string): FicProperties | ArmError {
  const props = (body as { properties?: unknown } | null)?.properties;
  if (!props || typeof props !== "object")
    return armError(400, "BadRequest", "The request body must contain 'properties'.");
  const parsed = parseFicFields(props as Record<string, unknown>, isFlexibleVersion(apiVersion));
  return typeof parsed === "string" ? armError(400, "BadRequest", parsed) : parsed;
}
