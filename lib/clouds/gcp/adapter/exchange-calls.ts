import "server-only";
import { iamcredentials } from "@googleapis/iamcredentials";
import { sts } from "@googleapis/sts";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { transporterOptions } from "@/lib/clouds/gcp/adapter/clients";
import { retryAfterHeader } from "@/lib/clouds/gcp/adapter/google-error";
import { parseRetryAfter, withRetry, type RetryContext } from "@/lib/clouds/retry";
import type { SecretValue } from "@/lib/secrets/secret-value";

// The two calls of a workload identity federation exchange (CLOUDS.md 3.6-3.7),
// through the official clients, built per exchange and dropped with it: no
// client, token or credential outlives the call. Both calls are signed by
// the workload's token itself (STS) or by the federated token (IAM
// Credentials), so no connection secret is used; the connection only gives
// the root URL and the CA. The clients' own retries are off; withRetry
// retries throttling and outages only, never a refusal.
// https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token
// https://cloud.google.com/iam/docs/reference/credentials/rest/v1/projects.serviceAccounts/generateAccessToken

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
// The workload's token is an OIDC JWT (CLOUDS.md 3.5).
const JWT = "urn:ietf:params:oauth:token-type:jwt";

export type CallRetry = Omit<RetryContext, "explain" | "retryAfterMs">;

function clientOptions(connection: ConnectionOf<"gcp"> | null) {
  const rootUrl = connection?.endpoints.gcpRootUrl;
  // The adapter's agent (system roots plus the connection's CA). These clients
  // carry no auth client, so gaxios is configured here: retry: false is its
  // off switch (googleapis-common turns retries on when it is unset).
  const { agent } = transporterOptions(connection?.caBundle ?? null) ?? {};
  return { ...(agent ? { agent } : {}), retry: false, ...(rootUrl ? { rootUrl } : {}) };
}

function retried<T>(call: () => Promise<T>, explain: RetryContext["explain"], retry: CallRetry) {
  return withRetry(call, {
    ...retry,
    explain,
    retryAfterMs: (error) => parseRetryAfter(retryAfterHeader(error)),
  });
}

export type FederatedToken = { accessToken: string; expiresInSeconds: number | null };

/** STS v1 token: the workload's JWT for a federated access token with `scope`. */
export async function exchangeForFederatedToken(
  input: {
    connection: ConnectionOf<"gcp"> | null;
    audience: string;
    scope: string;
    token: SecretValue;
  },
  explain: RetryContext["explain"],
  retry: CallRetry,
): Promise<FederatedToken> {
  const client = sts({ version: "v1", ...clientOptions(input.connection) });
  const response = await retried(
    () =>
      client.v1.token(
        {
          requestBody: {
            grantType: TOKEN_EXCHANGE,
            audience: input.audience,
            scope: input.scope,
            requestedTokenType: ACCESS_TOKEN,
            subjectTokenType: JWT,
            subjectToken: input.token.reveal(),
          },
        },
        { signal: retry.signal },
      ),
    explain,
    retry,
  );
  const accessToken = response.data.access_token;
  if (!accessToken) throw new Error("Google's token exchange answered without an access token.");
  return { accessToken, expiresInSeconds: response.data.expires_in ?? null };
}

export type ServiceAccountToken = { accessToken: string; expireTime: string | null };

/** IAM Credentials generateAccessToken for `serviceAccount`, authorised by the federated token. */
export async function impersonateServiceAccount(
  input: {
    connection: ConnectionOf<"gcp"> | null;
    serviceAccount: string;
    federatedToken: string;
    scope: string[];
    lifetimeSeconds: number;
  },
  explain: RetryContext["explain"],
  retry: CallRetry,
): Promise<ServiceAccountToken> {
  const client = iamcredentials({ version: "v1", ...clientOptions(input.connection) });
  const response = await retried(
    () =>
      client.projects.serviceAccounts.generateAccessToken(
        {
          // "The - wildcard character is required" (the method's reference).
          name: `projects/-/serviceAccounts/${input.serviceAccount}`,
          requestBody: { scope: input.scope, lifetime: `${input.lifetimeSeconds}s` },
        },
        { signal: retry.signal, headers: { authorization: `Bearer ${input.federatedToken}` } },
      ),
    explain,
    retry,
  );
  const accessToken = response.data.accessToken;
  if (!accessToken)
    throw new Error("Google's generateAccessToken answered without an access token.");
  return { accessToken, expireTime: response.data.expireTime ?? null };
}
