import "server-only";
import type {
  ActualBinding,
  CatalogTargetRef,
  CloudWriter,
  PlannedChange,
} from "@/lib/clouds/adapter-types";
import { ZGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { comparableGcpCloudObject } from "@/lib/clouds/gcp/adapter/actual-target";
import { grantKey } from "@/lib/clouds/gcp/adapter/grants";
import {
  editServiceAccountPolicy,
  type WriteContext,
} from "@/lib/clouds/gcp/adapter/write-binding";
import {
  changeEdits,
  describeGcpChange,
  grantGuard,
  providerDiffers,
  providerGuard,
} from "@/lib/clouds/gcp/adapter/write-change";
import { writeClients } from "@/lib/clouds/gcp/adapter/write-clients";
import { applyGcpProviderConfig } from "@/lib/clouds/gcp/adapter/write-provider";

// The GCP write side: one binding is one member of one role on one service
// account's IAM policy. Applying it is a read-modify-write of that policy
// (write-binding), serialised per account; a policy that already holds the
// change is not written (0 writes on a re-run).

/** The binding as the cloud now holds it, in the catalogue's terms. */
function afterOf(target: CatalogTargetRef, change: PlannedChange): ActualBinding | null {
  if (change.op === "delete") return null;
  const spec = ZGcpBindingSpec.parse(change.desired.spec);
  const config = ZGcpProviderConfig.safeParse(target.config);
  return {
    key: grantKey(spec),
    spec,
    cloudObject: config.success
      ? comparableGcpCloudObject(spec, config.data)
      : change.desired.cloudObject,
  };
}

/** A writer; tests pass their own sleep so Retry-After waits are asserted, not spent. */
export function createGcpWriter(retry: WriteContext["retry"] = {}): CloudWriter {
  return {
    describeChange: describeGcpChange,
    // One IAM policy per service account; an update that moves to another
    // account also takes that account's own lock inside the write.
    serialKey: (_target, change) =>
      ZGcpBindingSpec.parse(change.op === "delete" ? change.actual.spec : change.desired.spec)
        .serviceAccountEmail,
    createsMissingTarget: (target) => target.kind === "gcp-provider",
    async applyChange(connection, target, change, options = {}) {
      const accounts = changeEdits(change);
      const ctx: WriteContext = {
        clients: writeClients(connection),
        signal: options.signal,
        retry,
      };
      let changed = false;
      // The grant's cloud object holds its provider's trust settings, so the
      // plan proposes an update when only those differ: patch them first
      // (a re-read that patches nothing when they already match).
      // A binding planned while its provider was missing creates it first
      // (one of several such changes does; the others find it there).
      if (providerDiffers(change) || (change.op === "create" && change.createsTarget)) {
        const provider = await applyGcpProviderConfig(connection, target, {
          ...options,
          retry,
          createIfMissing: change.op === "create",
          beforePatch: providerGuard(
            ZGcpProviderConfig.parse(target.config),
            change,
            target.externalId,
          ),
        });
        changed = provider.status === "applied";
      }
      // In order: an update that moves to another account grants before it revokes.
      const check = grantGuard(change, target.externalId);
      for (const { email, edits } of accounts) {
        const write = await editServiceAccountPolicy(ctx, email, edits, check);
        changed ||= write.changed;
      }
      return { status: changed ? "applied" : "unchanged", after: afterOf(target, change) };
    },
  };
}

export const gcpWriter: CloudWriter = createGcpWriter();
