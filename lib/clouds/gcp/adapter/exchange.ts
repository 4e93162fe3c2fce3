import "server-only";
import { z } from "zod";
import { CloudCallError, type CloudError, type ConnectionOf } from "@/lib/clouds/adapter-types";
import {
  credentialFingerprint,
  type CloudExchanger,
  type ExchangeOutcome,
  type ExchangeRequest,
  type ExchangeStep,
} from "@/lib/clouds/exchange-types";
import { ZGcpBindingSpec, type TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { ZGcpProjectNumber, ZPoolId, ZProviderId } from "@/lib/clouds/gcp/ids";
import {
  principalSetForAttribute,
  principalSetForPool,
  providerResourceName,
  type ProviderRef,
} from "@/lib/clouds/gcp/principals";
import {
  exchangeForFederatedToken,
  impersonateServiceAccount,
  type CallRetry,
} from "@/lib/clouds/gcp/adapter/exchange-calls";
import {
  exchangeCancelled,
  explainExchangeError,
  type ExchangeErrorContext,
  type ExchangeStage,
  scrubSecrets,
} from "@/lib/clouds/gcp/adapter/exchange-errors";
import { federatedPrincipal } from "@/lib/clouds/gcp/adapter/exchange-principal";

// "Try exchange" for GCP (CLOUDS.md 3.6-3.7, SECURITY.md 3.7): the workload's
// token goes to STS for a federated access token, which then asks IAM
// Credentials for an access token of the binding's service account, which is
// what a workload does. Only the final credential's fingerprint leaves this
// file; both tokens are dropped when the exchange returns.

// STS scope: the federated token only has to be accepted by generateAccessToken,
// whose reference lists two OAuth scopes; iam is the narrower (cloud-platform
// would let a leaked token call any API the principal may use).
// https://cloud.google.com/iam/docs/reference/credentials/rest/v1/projects.serviceAccounts/generateAccessToken#authorization-scopes
export const FEDERATED_SCOPE = "https://www.googleapis.com/auth/iam";
// The service account's token: userinfo.email lets it read only its own
// email (tokeninfo); it authorises no Google Cloud API, so the proof that
// impersonation works cannot be turned into power.
// https://developers.google.com/identity/protocols/oauth2/scopes#oauth2
export const SERVICE_ACCOUNT_SCOPE = "https://www.googleapis.com/auth/userinfo.email";
// The reference sets only a maximum (3600 s by default) and no minimum; five
// minutes is short enough to be worthless once leaked and stays clear of the
// few minutes of clock skew a caller may see on expireTime.
export const SERVICE_ACCOUNT_LIFETIME_SECONDS = 300;

const ZProviderRef = z.object({
  projectNumber: ZGcpProjectNumber,
  poolId: ZPoolId,
  providerId: ZProviderId,
});

export type GcpExchangeSettings = {
  /**
   * Impersonate the binding's service account (the default). False stops at
   * the federated token (SECURITY.md 3.7), which proves the provider admits
   * the token but not the binding.
   */
  impersonate?: boolean;
  /** Backoff for throttling and outages (tests inject sleep). */
  retry?: Pick<CallRetry, "policy" | "sleep" | "random">;
};

function invalidRequest(what: string): CloudError {
  return {
    kind: "invalid",
    code: "NotAGcpExchange",
    message: `The ${what} is not a GCP ${what}.`,
    cause: `The ${what} given to the GCP exchange does not describe a GCP ${what === "target" ? "workload identity provider" : what}.`,
    fix: "Try the exchange from a GCP binding of the catalogue.",
  };
}

/** The principal the binding grants, as IAM names it (CLOUDS.md 3.7). */
function expectedMember(spec: TGcpBindingSpec, provider: ProviderRef): string | undefined {
  if (spec.member) return spec.member;
  if (spec.memberKind === "pool") return principalSetForPool(provider);
  if (spec.memberKind === "attribute" && spec.attributeName && spec.attributeValue) {
    return principalSetForAttribute(provider, spec.attributeName, spec.attributeValue);
  }
  return undefined;
}

function connectionOf(request: ExchangeRequest): ConnectionOf<"gcp"> | null | undefined {
  if (request.connection === null) return null;
  return request.connection.cloud === "gcp" ? request.connection : undefined;
}

async function exchangeGcp(
  request: ExchangeRequest,
  settings: GcpExchangeSettings,
  signal: AbortSignal | undefined,
  steps: ExchangeStep[],
): Promise<ExchangeOutcome> {
  const provider = ZProviderRef.safeParse(request.target.config);
  if (!provider.success) return { ok: false, error: invalidRequest("target"), steps };
  const spec = ZGcpBindingSpec.safeParse(request.binding.spec);
  if (!spec.success) return { ok: false, error: invalidRequest("binding"), steps };
  const connection = connectionOf(request);
  if (connection === undefined) return { ok: false, error: invalidRequest("connection"), steps };

  const audience = providerResourceName(provider.data);
  const member = expectedMember(spec.data, provider.data);
  const context: ExchangeErrorContext = {
    provider: audience,
    serviceAccount: spec.data.serviceAccountEmail,
    role: spec.data.role,
    ...(member ? { member } : {}),
  };
  const retry: CallRetry = { ...settings.retry, ...(signal ? { signal } : {}) };
  const explain = (stage: ExchangeStage) => (error: unknown) =>
    explainExchangeError(stage, error, context);
  const secrets = [request.token.reveal()];
  const step = async <T>(call: string, stage: ExchangeStage, run: () => Promise<T>) => {
    const started = performance.now();
    try {
      // node-fetch (under the clients' gaxios) destroys the request body of an
      // already aborted request with no listener: an uncaught exception.
      signal?.throwIfAborted();
      const result = await run();
      steps.push({ call, outcome: "ok", durationMs: Math.round(performance.now() - started) });
      return result;
    } catch (error) {
      steps.push({ call, outcome: "failed", durationMs: Math.round(performance.now() - started) });
      const mapped = signal?.aborted ? exchangeCancelled() : explain(stage)(error);
      throw new CloudCallError(scrubSecrets(mapped, secrets));
    }
  };

  const impersonate = settings.impersonate !== false;
  const federated = await step("STS token exchange (sts.googleapis.com)", "sts", () =>
    exchangeForFederatedToken(
      { connection, audience, token: request.token, scope: FEDERATED_SCOPE },
      explain("sts"),
      retry,
    ),
  );
  secrets.push(federated.accessToken);
  if (!impersonate) {
    const expiresIn = federated.expiresInSeconds ?? 3600;
    return {
      ok: true,
      identity: federatedPrincipal(request, provider.data),
      expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
      grants: [FEDERATED_SCOPE],
      fingerprint: credentialFingerprint(federated.accessToken),
      steps,
    };
  }
  const serviceAccount = spec.data.serviceAccountEmail;
  const credential = await step(
    "Service account impersonation (iamcredentials.googleapis.com generateAccessToken)",
    "impersonation",
    () =>
      impersonateServiceAccount(
        {
          connection,
          serviceAccount,
          federatedToken: federated.accessToken,
          scope: [SERVICE_ACCOUNT_SCOPE],
          lifetimeSeconds: SERVICE_ACCOUNT_LIFETIME_SECONDS,
        },
        explain("impersonation"),
        retry,
      ),
  );
  const reported = Date.parse(credential.expireTime ?? "");
  const expiresAt = Number.isNaN(reported)
    ? Date.now() + SERVICE_ACCOUNT_LIFETIME_SECONDS * 1000
    : reported;
  return {
    ok: true,
    identity: serviceAccount,
    expiresAt: new Date(expiresAt).toISOString(),
    grants: [SERVICE_ACCOUNT_SCOPE],
    fingerprint: credentialFingerprint(credential.accessToken),
    steps,
  };
}

export function createGcpExchanger(settings: GcpExchangeSettings = {}): CloudExchanger {
  return {
    async exchange(request, options = {}) {
      const steps: ExchangeStep[] = [];
      try {
        return await exchangeGcp(request, settings, options.signal, steps);
      } catch (error) {
        // step() throws the mapped, scrubbed error; anything else is a failure before any call.
        const cloudError: CloudError =
          error instanceof CloudCallError
            ? error.cloudError
            : scrubSecrets(explainExchangeError("sts", error, { provider: "" }), [
                request.token.reveal(),
              ]);
        return { ok: false, error: cloudError, steps };
      }
    },
  };
}

export const gcpExchanger = createGcpExchanger();
