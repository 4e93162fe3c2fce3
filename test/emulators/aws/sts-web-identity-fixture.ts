// A world for AssumeRoleWithWebIdentity tests: the IAM/STS emulator, a real
// OIDC issuer whose https name (AWS accepts only https issuers, without a
// port) the emulator resolves to the issuer's loopback server, and helpers
// that put the provider and roles into the emulator's state through its own
// IAM handlers (so IAM's validation applies).
import { type OidcIssuer, startOidcIssuer } from "@/test/support/oidc-issuer";
import { createProvider } from "./iam-providers";
import { createRole, roleOf } from "./iam-roles";
import { type IamEmulator, startIamEmulator } from "./iam-server";
import { ACCOUNT_ID } from "./iam-state";

export const ISSUER_NAME = "https://issuer.fedlens.test";
export const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/issuer.fedlens.test`;
export const AUDIENCE = "sts.amazonaws.com";

export type WebIdentityWorld = {
  emulator: IamEmulator;
  issuer: OidcIssuer;
  /** Registers the IAM OIDC provider for the issuer (and for `url` if given). */
  addProvider(options?: { url?: string; clientIds?: string[] }): void;
  /** Creates (or replaces) a role with this trust policy; returns its ARN. */
  putRole(name: string, statements: unknown[], maxSessionDuration?: number): string;
  /** A token from the issuer with sensible defaults (iss, aud, sub, iat, exp). */
  mint(claims?: Record<string, unknown>, alg?: "RS256" | "ES256" | "EdDSA"): Promise<string>;
  close(): Promise<void>;
};

export function trustStatement(condition?: Record<string, unknown>, effect = "Allow") {
  return {
    Effect: effect,
    Principal: { Federated: PROVIDER_ARN },
    Action: "sts:AssumeRoleWithWebIdentity",
    ...(condition ? { Condition: condition } : {}),
  };
}

export async function startWebIdentityWorld(): Promise<WebIdentityWorld> {
  const issuer = await startOidcIssuer({
    issuerUrl: ISSUER_NAME,
    algs: ["RS256", "ES256", "EdDSA"],
  });
  const fetchJson = async (url: string) => {
    const local = url.startsWith(ISSUER_NAME) ? issuer.origin + url.slice(ISSUER_NAME.length) : url;
    const response = await fetch(local, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`${local} answered ${response.status}`);
    return response.json();
  };
  const emulator = await startIamEmulator({ webIdentity: { fetchJson } });
  return {
    emulator,
    issuer,
    addProvider({ url = ISSUER_NAME, clientIds = [AUDIENCE] } = {}) {
      const params = new URLSearchParams({ Url: url });
      clientIds.forEach((id, index) => params.set(`ClientIDList.member.${index + 1}`, id));
      createProvider(emulator.state, params);
    },
    putRole(name, statements, maxSessionDuration = 3600) {
      emulator.state.roles.delete(name);
      const document = JSON.stringify({ Version: "2012-10-17", Statement: statements });
      createRole(
        emulator.state,
        new URLSearchParams({
          RoleName: name,
          AssumeRolePolicyDocument: document,
          MaxSessionDuration: String(maxSessionDuration),
        }),
      );
      return roleOf(emulator.state, new URLSearchParams({ RoleName: name })).arn;
    },
    mint(claims = {}, alg = "RS256") {
      const now = Math.floor(Date.now() / 1000);
      return issuer.mint(
        {
          iss: ISSUER_NAME,
          aud: AUDIENCE,
          sub: "repo:contoso/app:ref:refs/heads/main",
          iat: now,
          exp: now + 300,
          ...claims,
        },
        { alg },
      );
    },
    close: async () => {
      await emulator.close();
      await issuer.stop();
    },
  };
}
