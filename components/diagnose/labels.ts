// Words for the names the pipeline uses, in one place for the diagnose page.
import type { CheckName } from "@/lib/federation/types";

export const checkLabels: Record<CheckName, string> = {
  signature: "Signature",
  algorithm: "Algorithm",
  issuer: "Issuer",
  provider: "Identity provider",
  audience: "Audience",
  subject: "Subject",
  expression: "Claims-matching expression",
  condition: "Trust policy",
  attributeMapping: "Attribute mapping",
  attributeCondition: "Attribute condition",
  principal: "Service account access",
  expiry: "Expiry (exp)",
  notBefore: "Not before (nbf)",
  issuedAt: "Issued at (iat)",
  lifetime: "Lifetime",
  claims: "Required claims",
  target: "Target",
};

/** Registered JWT claims (RFC 7519 §4.1) and the OIDC ones workload tokens carry (OIDC Core §2, §5.1). */
export const claimDescriptions: Record<string, string> = {
  iss: "Issuer",
  sub: "Subject",
  aud: "Audience",
  exp: "Expires",
  nbf: "Not before",
  iat: "Issued at",
  jti: "Token id",
  auth_time: "Authenticated at",
  azp: "Authorized party",
  nonce: "Nonce",
  amr: "Authentication methods",
  acr: "Authentication class",
  email: "Email",
  email_verified: "Email verified",
  name: "Name",
};

/** JOSE header parameters (RFC 7515 §4.1). */
export const headerDescriptions: Record<string, string> = {
  alg: "Signing algorithm",
  kid: "Key id",
  typ: "Type",
  cty: "Content type",
  crit: "Critical extensions",
  jku: "Key set URL — ignored: keys come from the catalogue",
  jwk: "Embedded key — ignored: keys come from the catalogue",
  x5u: "Certificate URL — ignored: keys come from the catalogue",
  x5c: "Certificate chain — ignored: keys come from the catalogue",
  x5t: "Certificate thumbprint",
  "x5t#S256": "Certificate thumbprint (SHA-256)",
};
