import "server-only";
import { randomBytes } from "node:crypto";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { CloudError, ConnectionOf } from "@/lib/clouds/adapter-types";
import { roleArn } from "@/lib/clouds/aws/ids";
import { ZAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import {
  credentialFingerprint,
  type CloudExchanger,
  type ExchangeOutcome,
  type ExchangeRequest,
  type ExchangeStep,
} from "@/lib/clouds/exchange-types";
import { withRetry, type RetryPolicy } from "@/lib/clouds/retry";
import { clientBase } from "./clients";
import { catalogSubjects, tokenClaims } from "./exchange-context";
import { explainExchangeError, type ExchangeErrorContext } from "./exchange-errors";
import { awsRetryAfterMs } from "./explain";

// "Try exchange" for AWS: sts:AssumeRoleWithWebIdentity with the workload's
// token, as the workload itself would call it, but for the shortest session
// (900 s) and under an inline session policy that denies everything, so the
// credential proves the trust and can do nothing even if it leaked
// (SECURITY.md 3.7). The call is unsigned: no AWS credential is looked up.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html

const CALL = "sts:AssumeRoleWithWebIdentity";
const SESSION_SECONDS = 900;
/** Session policies only narrow the role's permissions; this one leaves none. */
export const denyAllSessionPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
});
export const denyAllGrant = "session policy: deny all";
// STS's global endpoint lives in us-east-1 (CLOUDS.md 2.9).
const DEFAULT_REGION = "us-east-1";

// An interactive try: a few quick retries of throttling, 5xx and
// IDPCommunicationError (STS: "retry the request a limited number of times").
const exchangeRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

export type AwsExchangerSettings = {
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

// Never consulted (the operation's auth scheme is smithy.api#noAuth); set so
// that no ambient chain (environment, profile, instance role) is ever searched.
const noCredentials = () =>
  Promise.reject(new Error("AssumeRoleWithWebIdentity is unsigned; no AWS credential is used."));

function stsClientFor(connection: ConnectionOf<"aws"> | null): STSClient {
  const base = connection ? clientBase(connection) : { region: DEFAULT_REGION, maxAttempts: 1 };
  return new STSClient({ ...base, credentials: noCredentials });
}

/** A failure Fedlens finds before or after the call; its code is Fedlens's own. */
function fedlensFailure(
  code: string,
  message: string,
  fix: string,
  steps: ExchangeStep[] = [],
): ExchangeOutcome {
  return { ok: false, error: { kind: "invalid", code, message, cause: message, fix }, steps };
}

/** STS's message with any echo of the token replaced (SECURITY.md 3.10). */
function scrubbed(error: CloudError, token: string): CloudError {
  const scrub = (text: string) => (token ? text.split(token).join("[token]") : text);
  return { ...error, message: scrub(error.message), cause: scrub(error.cause) };
}

async function exchange(
  request: ExchangeRequest,
  signal: AbortSignal | undefined,
  settings: AwsExchangerSettings,
): Promise<ExchangeOutcome> {
  const config = ZAwsRoleConfig.safeParse(request.target.config);
  if (request.target.kind !== "aws-role" || !config.success) {
    return fedlensFailure(
      "FedlensNotAnAwsRole",
      "The target is not an AWS role Fedlens can name.",
      "Try the exchange on a binding of an AWS role target with a valid account id, path and role name.",
    );
  }
  const connection = request.connection;
  if (connection && connection.cloud !== "aws") {
    return fedlensFailure(
      "FedlensWrongConnection",
      "The target's connection is not an AWS connection.",
      "Give the target an AWS connection, or none to use AWS's public STS endpoint.",
    );
  }
  const arn = roleArn(config.data.accountId, config.data.path, config.data.roleName);
  const token = request.token.reveal();
  const context: ExchangeErrorContext = {
    roleArn: arn,
    region: connection?.scope.region ?? DEFAULT_REGION,
    claims: tokenClaims(token),
    catalog: catalogSubjects(request.binding.spec),
  };
  const explain = (error: unknown) => explainExchangeError(error, context);
  const steps: ExchangeStep[] = [];
  const sts = stsClientFor(connection);
  try {
    const answer = await withRetry(
      async () => {
        const started = performance.now();
        const step: ExchangeStep = { call: CALL, outcome: "failed", durationMs: 0 };
        steps.push(step);
        try {
          const result = await sts.send(
            new AssumeRoleWithWebIdentityCommand({
              RoleArn: arn,
              RoleSessionName: `fedlens-try-${randomBytes(4).toString("hex")}`,
              WebIdentityToken: token,
              DurationSeconds: SESSION_SECONDS,
              Policy: denyAllSessionPolicy,
            }),
            { abortSignal: signal },
          );
          step.outcome = "ok";
          return result;
        } finally {
          step.durationMs = Math.round(performance.now() - started);
        }
      },
      {
        explain,
        retryAfterMs: awsRetryAfterMs,
        policy: settings.retryPolicy ?? exchangeRetryPolicy,
        sleep: settings.sleep,
        signal,
      },
    );
    // Read what may be shown, then let the credential go with `answer`.
    const secret = answer.Credentials?.SecretAccessKey;
    const identity = answer.AssumedRoleUser?.Arn;
    const expiration = answer.Credentials?.Expiration;
    if (!secret || !identity || !expiration) {
      return fedlensFailure(
        "FedlensIncompleteAnswer",
        "STS answered without credentials or an assumed role.",
        "Check that the connection's endpoint is AWS STS.",
        steps,
      );
    }
    return {
      ok: true,
      identity,
      expiresAt: expiration.toISOString(),
      grants: [arn, denyAllGrant],
      fingerprint: credentialFingerprint(secret),
      steps,
    };
  } catch (error) {
    return { ok: false, error: scrubbed(explain(error), token), steps };
  } finally {
    sts.destroy();
  }
}

export function createAwsExchanger(settings: AwsExchangerSettings = {}): CloudExchanger {
  return { exchange: (request, options) => exchange(request, options?.signal, settings) };
}

export const awsExchanger: CloudExchanger = createAwsExchanger();
