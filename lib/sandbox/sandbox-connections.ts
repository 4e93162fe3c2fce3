import "server-only";
import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { systemActor } from "@/lib/auth/actor";
import { auditedMutation } from "@/lib/catalog/audited-mutation";
import type { ConnectionEndpoints } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import type { DbOrTx, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";
import type { MasterKeyring } from "@/lib/secrets/master-keyring";
import { sealConnectionSecret } from "@/lib/connections/connection-secret";
import type { TSecretInput } from "@/lib/schemas/connection-auth";

// The three Sandbox connections: created once, then pointed at this start's
// emulators (new ports, a new CA, a new generated secret) at every start.
//
// Audit (documented in the README's Sandbox section): creating a Sandbox
// connection is a `connection.create` event like any other. The per-start
// rewiring changes nothing an operator decided, only the loopback ports, the
// emulators' CA and a secret nobody ever sees, so it is ONE
// `connection.sandbox.refresh` event per start naming the connections, not
// an update event per connection and field; its snapshot holds no value of
// the CA or the secret. Both are written by the system actor "sandbox".

export type SandboxConnectionSpec = {
  name: string;
  cloud: Cloud;
  scope: Record<string, unknown>;
  endpoints: ConnectionEndpoints;
  caBundle: string;
  secret: TSecretInput;
};

export type SandboxConnectionsResult = {
  /** Connection id by cloud, for the clouds whose Sandbox connection is in place. */
  ids: Partial<Record<Cloud, string>>;
  created: string[];
  refreshed: string[];
  /** Names held by a connection of the operator's own, left alone. */
  skipped: string[];
};

const actor = systemActor("sandbox");

function wiring(spec: SandboxConnectionSpec, keyring: MasterKeyring, id: string) {
  return {
    scope: spec.scope as Prisma.InputJsonObject,
    authKind: "secret" as const,
    secret: sealConnectionSecret(keyring, { id, cloud: spec.cloud }, spec.secret),
    secretKeyId: keyring.current.id,
    secretUpdatedAt: new Date(),
    endpoints: spec.endpoints as Prisma.InputJsonObject,
    caBundle: spec.caBundle,
  };
}

async function upsertOne(
  tx: Tx,
  spec: SandboxConnectionSpec,
  keyring: MasterKeyring,
  requestId: string,
): Promise<{ id: string; outcome: "created" | "refreshed" } | { outcome: "skipped" }> {
  const existing = await tx.cloudConnection.findUnique({
    where: { name: spec.name },
    select: { id: true, sandbox: true, cloud: true },
  });
  if (existing && (!existing.sandbox || existing.cloud !== spec.cloud))
    return { outcome: "skipped" };
  if (existing) {
    await tx.cloudConnection.update({
      where: { id: existing.id },
      data: { ...wiring(spec, keyring, existing.id), version: { increment: 1 } },
    });
    return { id: existing.id, outcome: "refreshed" };
  }
  const id = randomUUID();
  await auditedMutation(
    { actor, requestId, db: tx },
    { action: "connection.create", role: "admin" },
    async () => {
      await tx.cloudConnection.create({
        data: {
          id,
          name: spec.name,
          cloud: spec.cloud,
          sandbox: true,
          ...wiring(spec, keyring, id),
        },
      });
      const { name, cloud, scope } = spec;
      return {
        entityId: id,
        after: { name, cloud, scope, sandbox: true, authKind: "secret" },
        result: id,
      };
    },
  );
  return { id, outcome: "created" };
}

/** Creates or rewires the Sandbox connections in one transaction. */
export async function upsertSandboxConnections(
  specs: SandboxConnectionSpec[],
  { db, keyring }: { db?: DbOrTx; keyring: MasterKeyring },
): Promise<SandboxConnectionsResult> {
  const requestId = randomUUID();
  return inTransaction(db, async (tx) => {
    const result: SandboxConnectionsResult = { ids: {}, created: [], refreshed: [], skipped: [] };
    for (const spec of specs) {
      const done = await upsertOne(tx, spec, keyring, requestId);
      if (done.outcome === "skipped") {
        result.skipped.push(spec.name);
        continue;
      }
      result.ids[spec.cloud] = done.id;
      result[done.outcome].push(spec.name);
    }
    // One event for the whole start, about no single connection (hence not auditedMutation).
    if (result.refreshed.length > 0) {
      await appendAuditEvent(tx, {
        actor,
        requestId,
        action: "connection.sandbox.refresh",
        entityType: "connection",
        entityId: null,
        after: {
          connections: result.refreshed,
          changed: ["endpoints (new loopback ports)", "CA bundle", "generated secret"],
        },
      });
    }
    return result;
  });
}
