// The Sandbox issuer (issue 14 item 4): an OIDC issuer that exists only for
// the sandbox, so a new user can mint a token, diagnose it and try a real
// exchange against the built-in emulators, offline. Pure facts, shared by the
// sandbox process (which serves the discovery document and keys) and the
// console (which signs sample tokens).
//
// The name is https without a port because AWS accepts nothing else for an
// IAM OIDC provider (CLOUDS.md 2.1,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html),
// and under .test (RFC 6761 §6.2), which never resolves: only the sandbox's
// emulators, told where it lives, can reach it.

export const sandboxIssuerUrl = "https://sandbox-issuer.fedlens.test";
export const sandboxIssuerName = "Sandbox issuer";
export const sandboxIssuerJwksPath = "/jwks";

/** How long a sample token lives: long enough to diagnose and try, short enough to be harmless. */
export const sampleTokenSeconds = 600;

/** The discovery document (OpenID Connect Discovery 1.0 §3), with what the clouds read. */
export function sandboxDiscoveryDocument() {
  return {
    issuer: sandboxIssuerUrl,
    jwks_uri: `${sandboxIssuerUrl}${sandboxIssuerJwksPath}`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    claims_supported: ["iss", "sub", "aud", "exp", "iat", "nbf", "jti"],
  };
}
