import { fail } from "./google-errors";

// Field rules IAM applies when a pool or provider is created or updated.
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools/create
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers

const invalid = (message: string): never => fail(400, "INVALID_ARGUMENT", message);

/** IDs are 4-32 characters of [a-z0-9-]; the prefix gcp- is reserved for Google. */
export function checkResourceId(label: string, id: string) {
  if (!/^[a-z0-9-]{4,32}$/.test(id) || id.startsWith("gcp-")) {
    invalid(`The ${label} ID must be 4 to 32 characters of [a-z0-9-] and not start with gcp-.`);
  }
}

export function checkPoolFields(body: Record<string, unknown>) {
  if (typeof body.displayName === "string" && body.displayName.length > 32) {
    invalid("displayName cannot exceed 32 characters.");
  }
  if (typeof body.description === "string" && body.description.length > 256) {
    invalid("description cannot exceed 256 characters.");
  }
}

export function checkProviderFields(body: Record<string, unknown>) {
  checkPoolFields(body);
  const kinds = ["oidc", "aws", "saml", "x509"].filter((key) => body[key] !== undefined);
  if (kinds.length !== 1) invalid("Exactly one of oidc, aws, saml or x509 must be set.");
  if (kinds[0] !== "oidc") return;
  const oidc = body.oidc as { issuerUri?: unknown; allowedAudiences?: unknown };
  if (typeof oidc.issuerUri !== "string" || !oidc.issuerUri.startsWith("https://")) {
    invalid("The issuer URI must be a valid https URL.");
  }
  const audiences = oidc.allowedAudiences ?? [];
  if (!Array.isArray(audiences) || audiences.length > 10) {
    invalid("allowedAudiences accepts at most 10 values.");
  }
  // "For OIDC providers, you must supply a custom mapping that includes the google.subject attribute."
  const mapping = (body.attributeMapping ?? {}) as Record<string, unknown>;
  if (typeof mapping["google.subject"] !== "string") {
    invalid("The attribute mapping must include google.subject for an OIDC provider.");
  }
}
