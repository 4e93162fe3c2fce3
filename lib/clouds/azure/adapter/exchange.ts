import "server-only";
import { ClientAssertionCredential } from "@azure/identity";
import { CloudCallError, type CloudError } from "@/lib/clouds/adapter-types";
import {
  credentialFingerprint,
  type CloudExchanger,
  type ExchangeOutcome,
  type ExchangeRequest,
  type ExchangeStep,
} from "@/lib/clouds/exchange-types";
import { withRetry, type RetryPolicy } from "@/lib/clouds/retry";
import { captureEntraErrors, explainAttempt, ExchangeAttemptError } from "./exchange-capture";
import {
  authorityOptions,
  defaultScope,
  exchangeIdentityOf,
  invalidTarget,
  unexpectedToken,
  withoutToken,
} from "./exchange-parts";
import { explainAzureError } from "./explain";
import { httpsAgentOf, noSdkRetries } from "./pipeline-options";

// "Try exchange" for Azure: the workload's token goes to the Entra token
// endpoint of the target's tenant as a federated client assertion
// (client_credentials, CLOUDS.md §1.2) for the target's client id, through
// @azure/identity's ClientAssertionCredential. What comes back is reduced to
// who the credential is for (its oid), its expiry, the scope and a
// fingerprint; the access token itself is dropped before this returns
// (SECURITY.md §3.7). A credential object is made per attempt and never kept,
// so MSAL's in-memory token cache dies with it.

export type AzureExchangerSettings = {
  /**
   * The scope asked for. By default the Azure Resource Manager of the
   * connection's cloud (`<resource manager>/.default`): a token for it
   * carries only the Azure roles the identity already holds, and it is the
   * resource workloads federate for, so the exchange tests exactly that.
   * Microsoft Graph's `.default` would instead carry every application
   * permission granted to the identity tenant-wide.
   */
  scope?: string;
  retryPolicy?: RetryPolicy;
  /** Injected in tests so retries do not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

const call = "Entra token endpoint (client credentials with a federated token)";

export function createAzureExchanger(settings: AzureExchangerSettings = {}): CloudExchanger {
  return {
    async exchange(request: ExchangeRequest, options = {}): Promise<ExchangeOutcome> {
      const steps: ExchangeStep[] = [];
      const identity = exchangeIdentityOf(request);
      if (!identity) return { ok: false, error: invalidTarget(), steps };
      const { connection } = request;
      const scope = settings.scope ?? defaultScope(connection);
      const attempt = async () => {
        const capture = captureEntraErrors();
        const credential = new ClientAssertionCredential(
          identity.tenantId,
          identity.clientId,
          () => Promise.resolve(request.token.reveal()),
          {
            ...authorityOptions(connection),
            ...noSdkRetries,
            ...(connection ? httpsAgentOf(connection) : {}),
            additionalPolicies: [{ policy: capture.policy, position: "perRetry" }],
          },
        );
        const started = performance.now();
        const outcome = (ok: boolean) =>
          steps.push({
            call,
            outcome: ok ? "ok" : "failed",
            durationMs: Math.round(performance.now() - started),
          });
        try {
          // MSAL does not watch the signal: a cancelled exchange never starts.
          options.signal?.throwIfAborted();
          const token = await credential.getToken(scope, { abortSignal: options.signal });
          outcome(true);
          return token;
        } catch (error) {
          outcome(false);
          throw explainAttempt(error, capture);
        }
      };
      try {
        const token = await withRetry(attempt, {
          explain: explainAzureError,
          retryAfterMs: (error) =>
            error instanceof ExchangeAttemptError ? error.retryAfterMs : null,
          policy: settings.retryPolicy,
          signal: options.signal,
          sleep: settings.sleep,
        });
        const oid = objectIdOf(token.token);
        const fingerprint = credentialFingerprint(token.token);
        if (!oid) return { ok: false, error: unexpectedToken(), steps };
        return {
          ok: true,
          identity: oid,
          expiresAt: new Date(token.expiresOnTimestamp).toISOString(),
          grants: [scope],
          fingerprint,
          steps,
        };
      } catch (error) {
        const mapped: CloudError =
          error instanceof CloudCallError ? error.cloudError : explainAzureError(error);
        return { ok: false, error: withoutToken(mapped, request.token.reveal()), steps };
      }
    },
  };
}

/** The access token's oid, read without verifying it (Entra just minted it for us). */
function objectIdOf(accessToken: string): string | undefined {
  try {
    const payload: unknown = JSON.parse(
      Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString("utf8"),
    );
    const oid = (payload as { oid?: unknown } | null)?.oid;
    return typeof oid === "string" && oid ? oid : undefined;
  } catch {
    return undefined;
  }
}

export const azureExchanger: CloudExchanger = createAzureExchanger();
