import "server-only";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { TAwsOidcProvider } from "@/lib/clouds/aws/target-config";
import { readProvider, type CallContext } from "./iam-reads";

// The account's OIDC providers as last seen through one set of clients.
// Clients live as long as the calls made at once through one connection
// (clients.ts), that is one apply run, and its changes name the same few
// providers: one read is shared by every role's lane, even by the lanes that
// ask for it at the same moment (a promise, not a value), instead of one
// read per lane. Fedlens only ever adds to a provider (SECURITY.md 4.2), so
// what is remembered can only lack what the cloud has since gained: a
// provider lacking a client id is read again under its lock
// (write-provider.ts), and what this writer creates or adds replaces the
// entry, so the other lanes see it.

type Known = Map<string, Promise<TAwsOidcProvider | null>>;

const byClients = new WeakMap<IAMClient, Known>();

function knownThrough(iam: IAMClient): Known {
  let known = byClients.get(iam);
  if (!known) {
    known = new Map();
    byClients.set(iam, known);
  }
  return known;
}

/**
 * The provider as remembered, or read once for every lane that asks before
 * the answer comes; null when the account lacks it. A failed read is not
 * remembered: each lane that shared it reads again on its own (its own
 * retries and signal), and the error it gets is its own.
 */
export async function knownProvider(
  iam: IAMClient,
  arn: string,
  context: CallContext,
): Promise<TAwsOidcProvider | null> {
  const known = knownThrough(iam);
  const shared = known.get(arn);
  if (shared) return shared.catch(() => readProvider(iam, arn, context));
  const read = readProvider(iam, arn, context);
  known.set(arn, read);
  read.catch(() => {
    if (known.get(arn) === read) known.delete(arn);
  });
  return read;
}

/** The provider as this writer left it (created, or with client ids added), for the other lanes. */
export function rememberProvider(iam: IAMClient, arn: string, provider: TAwsOidcProvider): void {
  knownThrough(iam).set(arn, Promise.resolve(provider));
}
