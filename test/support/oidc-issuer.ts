// A real OIDC issuer for tests: keys generated when the test starts (nothing
// secret is committed), discovery and JWKS served over http on 127.0.0.1 at a
// random port, and real signed JWTs. Fedlens reaches it through the SSRF-safe
// fetch once FEDLENS_ALLOWED_ISSUER_HOSTS allow-lists 127.0.0.1. Every request
// is recorded so a test can prove a fetch did, or did not, happen.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

export type IssuerAlg = "RS256" | "ES256" | "EdDSA";

export type SigningKey = { kid: string; alg: IssuerAlg; privateKey: CryptoKey; publicJwk: JWK };

/** A fresh key pair: RSA 2048 for RS256, P-256 for ES256, Ed25519 for EdDSA. */
export async function generateSigningKey(
  alg: IssuerAlg = "RS256",
  kid = `${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`,
): Promise<SigningKey> {
  const options =
    alg === "RS256" ? { modulusLength: 2048 } : alg === "EdDSA" ? { crv: "Ed25519" } : {};
  const pair = await generateKeyPair(alg, { ...options, extractable: true });
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg, use: "sig" };
  return { kid, alg, privateKey: pair.privateKey, publicJwk };
}

export type MintOptions = {
  /** Which of the issuer's current keys signs; RS256 by default. */
  alg?: IssuerAlg;
  /** The header's kid; defaults to the signing key's (set it to name a key that is not there). */
  kid?: string;
  /** Extra JOSE header parameters (typ, jku, crit…); alg always comes from the key. */
  header?: Record<string, unknown>;
  /** Sign with this key instead of a published one (an attacker's, a retired one). */
  key?: SigningKey;
};

export type OidcIssuer = {
  /** http://127.0.0.1:<port>, where discovery lives. */
  origin: string;
  /** The issuer discovery advertises (the origin unless told otherwise). */
  issuerUrl: string;
  discoveryUrl: string;
  jwksUri: string;
  /** Paths requested so far, in order. */
  requests: string[];
  /** How many requests reached `path` (all paths when omitted). */
  requestCount: (path?: string) => number;
  /** The published public keys. */
  jwks: () => { keys: JWK[] };
  /** The key `mint` uses for `alg`: the newest one. */
  currentKey: (alg?: IssuerAlg) => SigningKey;
  mint: (claims: Record<string, unknown>, options?: MintOptions) => Promise<string>;
  /** Publishes a new key for `alg` (the old ones stay published) and makes it current. */
  rotate: (alg?: IssuerAlg) => Promise<SigningKey>;
  /** Answers every request with this status (e.g. 503) until called with null. */
  failWith: (status: number | null) => void;
  stop: () => Promise<void>;
};

export async function startOidcIssuer(
  options: { algs?: IssuerAlg[]; issuerUrl?: string } = {},
): Promise<OidcIssuer> {
  const keys: SigningKey[] = await Promise.all(
    (options.algs ?? ["RS256"]).map((alg) => generateSigningKey(alg)),
  );
  const requests: string[] = [];
  let failure: number | null = null;
  let origin = "";

  const server = http.createServer((request, response) => {
    const path = request.url ?? "";
    requests.push(path);
    const send = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (failure !== null) return send(failure, { error: "unavailable" });
    if (path === "/.well-known/openid-configuration") {
      return send(200, {
        issuer: options.issuerUrl ?? origin,
        jwks_uri: `${origin}/jwks`,
        response_types_supported: ["id_token"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: [...new Set(keys.map((key) => key.alg))],
      });
    }
    if (path === "/jwks") return send(200, { keys: keys.map((key) => key.publicJwk) });
    return send(404, { error: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const currentKey = (alg: IssuerAlg = "RS256") => {
    const key = keys.findLast((candidate) => candidate.alg === alg);
    if (!key) throw new Error(`the test issuer has no ${alg} key; start it with algs: ["${alg}"]`);
    return key;
  };

  return {
    origin,
    issuerUrl: options.issuerUrl ?? origin,
    discoveryUrl: `${origin}/.well-known/openid-configuration`,
    jwksUri: `${origin}/jwks`,
    requests,
    requestCount: (path) =>
      path === undefined ? requests.length : requests.filter((seen) => seen === path).length,
    jwks: () => ({ keys: keys.map((key) => key.publicJwk) }),
    currentKey,
    mint: (claims, mint = {}) => {
      const key = mint.key ?? currentKey(mint.alg);
      return new SignJWT(claims)
        .setProtectedHeader({ typ: "JWT", ...mint.header, alg: key.alg, kid: mint.kid ?? key.kid })
        .sign(key.privateKey);
    },
    rotate: async (alg = "RS256") => {
      const key = await generateSigningKey(alg);
      keys.push(key);
      return key;
    },
    failWith: (status) => {
      failure = status;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Claims shaped like the real issuers' tokens (CLOUDS.md §4). Times are around
// `now`; every id is random so tokens differ.

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const digits = (count: number) =>
  Array.from(randomBytes(count), (byte) => String(byte % 10)).join("");
const hex = (bytes: number) => randomBytes(bytes).toString("hex");

function times(now: Date, lifetimeSeconds: number, nbfBeforeIat = 0) {
  const iat = seconds(now) - 5;
  return { iat, nbf: iat - nbfBeforeIat, exp: iat + lifetimeSeconds };
}

export const githubActionsIssuer = "https://token.actions.githubusercontent.com";

export type GithubRun =
  | { trigger?: "branch"; branch?: string }
  | { trigger: "tag"; tag: string }
  | { trigger: "environment"; environment: string; branch?: string }
  | { trigger: "pull_request"; number?: number; headRef?: string; baseRef?: string };

/**
 * A GitHub Actions token (GitHub OIDC reference): sub by precedence
 * environment > pull_request > ref, or the immutable `repo:OWNER@ID/REPO@ID:…`
 * form; aud defaults to GitHub's own (the owner's URL).
 */
export function githubActionsClaims(
  options: GithubRun & {
    owner?: string;
    repo?: string;
    ownerId?: string;
    repoId?: string;
    immutableSubject?: boolean;
    aud?: string | string[];
    iss?: string;
    now?: Date;
  } = {},
): Record<string, unknown> {
  const owner = options.owner ?? "contoso";
  const repo = options.repo ?? "app";
  const ownerId = options.ownerId ?? digits(7);
  const repoId = options.repoId ?? digits(9);
  const pullRequest = options.trigger === "pull_request";
  const ref =
    options.trigger === "tag"
      ? `refs/tags/${options.tag}`
      : pullRequest
        ? `refs/pull/${options.number ?? 42}/merge`
        : `refs/heads/${options.branch ?? "main"}`;
  const context =
    options.trigger === "environment"
      ? `environment:${options.environment}`
      : pullRequest
        ? "pull_request"
        : `ref:${ref}`;
  const path = options.immutableSubject
    ? `${owner}@${ownerId}/${repo}@${repoId}`
    : `${owner}/${repo}`;
  const workflowRef = `${owner}/${repo}/.github/workflows/deploy.yml@${ref}`;
  const sha = hex(20);
  return {
    jti: randomUUID(),
    sub: `repo:${path}:${context}`,
    aud: options.aud ?? `https://github.com/${owner}`,
    ref,
    sha,
    repository: `${owner}/${repo}`,
    repository_owner: owner,
    repository_owner_id: ownerId,
    repository_id: repoId,
    repository_visibility: "private",
    run_id: digits(10),
    run_number: "17",
    run_attempt: "1",
    runner_environment: "github-hosted",
    actor: "octocat",
    actor_id: "583231",
    workflow: "deploy",
    workflow_ref: workflowRef,
    workflow_sha: sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: sha,
    event_name: pullRequest ? "pull_request" : "push",
    ref_type: options.trigger === "tag" ? "tag" : "branch",
    ref_protected: pullRequest ? "false" : "true",
    head_ref: pullRequest ? (options.headRef ?? "feature/change") : "",
    base_ref: pullRequest ? (options.baseRef ?? "main") : "",
    ...(options.trigger === "environment" ? { environment: options.environment } : {}),
    iss: options.iss ?? githubActionsIssuer,
    // GitHub's tokens: nbf ten minutes before iat, valid five minutes.
    ...times(options.now ?? new Date(), 300, 600),
  };
}

/** An AKS OIDC issuer URL of the documented shape; it ends with '/'. */
export function aksIssuerUrl(region = "eastus"): string {
  return `https://${region}.oic.prod-aks.azure.com/${randomUUID()}/${randomUUID()}/`;
}

/** A projected service-account token of an AKS cluster (azure-workload-identity). */
export function aksServiceAccountClaims(options: {
  issuer: string;
  namespace: string;
  serviceAccount: string;
  aud?: string[];
  podName?: string;
  now?: Date;
}): Record<string, unknown> {
  const podName = options.podName ?? `${options.serviceAccount}-7c9d8-${hex(3)}`;
  return {
    aud: options.aud ?? ["api://AzureADTokenExchange"],
    iss: options.issuer,
    jti: randomUUID(),
    sub: `system:serviceaccount:${options.namespace}:${options.serviceAccount}`,
    "kubernetes.io": {
      namespace: options.namespace,
      node: { name: `aks-nodepool1-${digits(8)}-vmss000000`, uid: randomUUID() },
      pod: { name: podName, uid: randomUUID() },
      serviceaccount: { name: options.serviceAccount, uid: randomUUID() },
    },
    ...times(options.now ?? new Date(), 3600),
  };
}

/** A Keycloak client-credentials access token: sub is the client's service-account user. */
export function keycloakClientCredentialsClaims(options: {
  realmUrl: string;
  clientId: string;
  serviceAccountUserId?: string;
  aud?: string | string[];
  now?: Date;
}): Record<string, unknown> {
  const realm = options.realmUrl.split("/").pop() ?? "master";
  return {
    jti: `onrtcc:${randomUUID()}`,
    iss: options.realmUrl,
    aud: options.aud ?? "account",
    sub: options.serviceAccountUserId ?? randomUUID(),
    typ: "Bearer",
    azp: options.clientId,
    acr: "1",
    "allowed-origins": ["/*"],
    realm_access: { roles: [`default-roles-${realm}`, "offline_access", "uma_authorization"] },
    resource_access: { account: { roles: ["manage-account", "view-profile"] } },
    scope: "profile email",
    email_verified: false,
    client_id: options.clientId,
    preferred_username: `service-account-${options.clientId}`,
    ...times(options.now ?? new Date(), 300),
  };
}

export const terraformCloudIssuer = "https://app.terraform.io";

/** An HCP Terraform workload identity token for one run phase. */
export function terraformClaims(options: {
  organization: string;
  project?: string;
  workspace: string;
  runPhase: "plan" | "apply";
  aud?: string;
  now?: Date;
}): Record<string, unknown> {
  const project = options.project ?? "Default Project";
  const workspace = `organization:${options.organization}:project:${project}:workspace:${options.workspace}`;
  return {
    jti: randomUUID(),
    iss: terraformCloudIssuer,
    aud: options.aud ?? "aws.workload.identity",
    sub: `${workspace}:run_phase:${options.runPhase}`,
    terraform_organization_id: `org-${hex(8)}`,
    terraform_organization_name: options.organization,
    terraform_project_id: `prj-${hex(8)}`,
    terraform_project_name: project,
    terraform_workspace_id: `ws-${hex(8)}`,
    terraform_workspace_name: options.workspace,
    terraform_full_workspace: workspace,
    terraform_run_id: `run-${hex(8)}`,
    terraform_run_phase: options.runPhase,
    ...times(options.now ?? new Date(), 3600),
  };
}
