import "server-only";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import type { GcpClients } from "@/lib/clouds/gcp/adapter/clients";
import { gcpCall, type GcpRetryOptions } from "@/lib/clouds/gcp/adapter/read-iam";
import { explainGcpWriteError } from "@/lib/clouds/gcp/adapter/write-errors";
import { serialisePerKey } from "@/lib/clouds/gcp/adapter/write-lock";
import {
  editPolicy,
  ZWritablePolicy,
  type PolicyEdit,
  type WritablePolicy,
} from "@/lib/clouds/gcp/adapter/write-policy";

// One read-modify-write of a service account's IAM policy: getIamPolicy
// (version 3, so conditional bindings come whole), the edits, setIamPolicy
// with the etag just read. A stale etag is answered 409 ABORTED: someone
// wrote in between, so read again and re-apply, a bounded number of times.
// https://cloud.google.com/iam/docs/policies#etag
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/setIamPolicy

export type WriteContext = {
  clients: GcpClients;
  signal?: AbortSignal;
  /** A test's sleep (the waits are asserted, not spent). */
  retry: Omit<GcpRetryOptions, "explain">;
};

/** Read-modify-write rounds before a policy that keeps changing is given up on. */
export const CONFLICT_ATTEMPTS = 5;
const CONFLICT_BASE_MS = 100;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type PolicyWrite = { changed: boolean; policy: WritablePolicy };

/** `check` sees every policy read before it is edited, and throws to leave it alone. */
export function editServiceAccountPolicy(
  ctx: WriteContext,
  email: string,
  edits: PolicyEdit[],
  check?: (policy: WritablePolicy) => void,
): Promise<PolicyWrite> {
  const resource = `projects/-/serviceAccounts/${email}`;
  const explain = explainGcpWriteError("setIamPolicy", resource);
  const retry = { ...ctx.retry, explain };
  const accounts = ctx.clients.iam.projects.serviceAccounts;
  const { signal } = ctx;
  const onlyRevokes = edits.every((edit) => edit.op === "remove");
  return serialisePerKey(email, async () => {
    // A write that failed with a 5xx or a cut connection may have landed:
    // if the next read already holds the edits, it was ours.
    let mayHaveWritten = false;
    for (let round = 1; ; round++) {
      const read = await gcpCall(
        () => accounts.getIamPolicy({ resource, "options.requestedPolicyVersion": 3 }, { signal }),
        signal,
        retry,
      ).then(ZWritablePolicy.parse, (error: unknown) => {
        // A deleted account holds no grants: revoking from it is already done.
        if (onlyRevokes && explain(error).kind === "not-found") return null;
        throw error;
      });
      if (!read) return { changed: false, policy: {} };
      check?.(read);
      const next = editPolicy(read, edits);
      if (!next) return { changed: mayHaveWritten, policy: read };
      try {
        const written = await gcpCall(
          () =>
            accounts
              .setIamPolicy({ resource, requestBody: { policy: next } }, { signal })
              .catch((error: unknown) => {
                const kind = explain(error).kind;
                if (kind === "unavailable" || kind === "network") mayHaveWritten = true;
                throw error;
              }),
          signal,
          retry,
        );
        return { changed: true, policy: ZWritablePolicy.parse(written) };
      } catch (error) {
        const stale = error instanceof CloudCallError && error.cloudError.code === "ABORTED";
        if (!stale || round >= CONFLICT_ATTEMPTS || signal?.aborted) throw error;
        const random = ctx.retry.random ?? Math.random;
        await (ctx.retry.sleep ?? wait)(random() * CONFLICT_BASE_MS * 2 ** (round - 1), signal);
      }
    }
  });
}
