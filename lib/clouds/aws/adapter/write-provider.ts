import "server-only";
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import type { TAwsOidcProvider } from "@/lib/clouds/aws/target-config";
import { readProvider, retried, type CallContext } from "./iam-reads";
import type { ProviderNeed } from "./write-desired";
import { withKeyLock } from "./write-lock";

// "Ensure" the account's OIDC provider for a statement (SECURITY.md 4.2): a
// URL can be registered once per account, so get it first, create it only
// when missing, and adopt it when a concurrent create won (EntityAlreadyExists).
// A missing audience is added with AddClientIDToOpenIDConnectProvider, which
// is idempotent. No tags are sent (no iam:TagOpenIDConnectProvider needed).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddClientIDToOpenIDConnectProvider.html

export type ProviderWrite = { call: string; detail: string };
export type EnsuredProvider = { provider: TAwsOidcProvider; writes: ProviderWrite[] };

async function create(iam: IAMClient, need: ProviderNeed, context: CallContext): Promise<boolean> {
  try {
    await retried(context, () =>
      iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: need.url,
          ClientIDList: need.clientIds,
          // Optional now: IAM fetches the thumbprint itself when none is given (CLOUDS.md 2.1).
          ...(need.thumbprints.length ? { ThumbprintList: need.thumbprints } : {}),
        }),
        { abortSignal: context.signal },
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof CloudCallError && error.cloudError.code === "EntityAlreadyExists") {
      return false;
    }
    throw error;
  }
}

const lacking = (provider: TAwsOidcProvider, need: ProviderNeed) =>
  need.audiences.filter((id) => !provider.clientIds.includes(id));

// The providers seen as needed through one set of clients. Clients live as
// long as the calls made at once through one connection (clients.ts), that
// is one apply run: its changes name the same few providers, and reading one
// again for each change was a third of the run's round trips (and of its
// CPU). A provider lacking a client id is always read again, under its lock.
const seenProviders = new WeakMap<IAMClient, Map<string, TAwsOidcProvider>>();

function remembered(iam: IAMClient): Map<string, TAwsOidcProvider> {
  let providers = seenProviders.get(iam);
  if (!providers) {
    providers = new Map();
    seenProviders.set(iam, providers);
  }
  return providers;
}

/**
 * Reads without a lock (the common case: the provider is as needed, and
 * every role's apply reads it in parallel); writes under the provider's lock,
 * reading again first, so two changes naming one provider create it once.
 */
export async function ensureProvider(
  iam: IAMClient,
  need: ProviderNeed,
  context: CallContext,
): Promise<EnsuredProvider> {
  const known = remembered(iam);
  const cached = known.get(need.arn);
  if (cached && lacking(cached, need).length === 0) return { provider: cached, writes: [] };
  const seen = await readProvider(iam, need.arn, context);
  const ensured =
    seen && lacking(seen, need).length === 0
      ? { provider: seen, writes: [] }
      : await withKeyLock(need.arn, () => ensureLocked(iam, need, context));
  known.set(need.arn, ensured.provider);
  return ensured;
}

async function ensureLocked(
  iam: IAMClient,
  need: ProviderNeed,
  context: CallContext,
): Promise<EnsuredProvider> {
  const writes: ProviderWrite[] = [];
  let provider = await readProvider(iam, need.arn, context);
  if (!provider) {
    if (await create(iam, need, context)) {
      writes.push({
        call: "CreateOpenIDConnectProvider",
        detail: `created ${need.url} with client ids ${need.clientIds.join(", ")}`,
      });
    }
    provider = await readProvider(iam, need.arn, context);
    if (!provider) {
      throw new CloudCallError({
        kind: "unavailable",
        code: "FedlensProviderNotVisible",
        message: `The OIDC provider ${need.url} could not be read back after it was created.`,
        cause: "IAM is eventually consistent: a new provider can take a moment to be visible.",
        fix: "Apply again in a minute.",
        object: need.arn,
      });
    }
  }
  const clientIds = [...provider.clientIds];
  for (const clientId of lacking(provider, need)) {
    await retried(context, () =>
      iam.send(
        new AddClientIDToOpenIDConnectProviderCommand({
          OpenIDConnectProviderArn: need.arn,
          ClientID: clientId,
        }),
        { abortSignal: context.signal },
      ),
    );
    clientIds.push(clientId);
    writes.push({
      call: "AddClientIDToOpenIDConnectProvider",
      detail: `added client id ${clientId}`,
    });
  }
  return { provider: { ...provider, clientIds }, writes };
}
