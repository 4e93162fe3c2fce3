import "server-only";
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import type { TAwsOidcProvider } from "@/lib/clouds/aws/target-config";
import { readProvider, retried, type CallContext } from "./iam-reads";
import { rememberProvider } from "./known-providers";
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

/**
 * `seen` is the provider as known (known-providers.ts), read beside the
 * role's GetRole. A provider that already lists every client id the
 * statement needs is used as it is; otherwise its lock is taken and it is
 * read again there, so two changes naming one provider create it once and
 * add a client id once, and what the lock found or wrote is remembered for
 * the other lanes.
 */
export async function ensureProvider(
  iam: IAMClient,
  need: ProviderNeed,
  context: CallContext,
  seen: Promise<TAwsOidcProvider | null>,
): Promise<EnsuredProvider> {
  const provider = await seen;
  if (provider && lacking(provider, need).length === 0) return { provider, writes: [] };
  return withKeyLock(need.arn, async () => {
    const ensured = await ensureLocked(iam, need, context);
    rememberProvider(iam, need.arn, ensured.provider);
    return ensured;
  });
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
