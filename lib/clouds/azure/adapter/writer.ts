import "server-only";
import { isDeepStrictEqual } from "node:util";
import {
  CloudCallError,
  type AdapterConnection,
  type ApplyResult,
  type CatalogTargetRef,
  type ConnectionOf,
  type CloudWriter,
  type PlannedChange,
} from "@/lib/clouds/adapter-types";
import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { ZAzureAppConfig, ZAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { defaultRetryPolicy } from "@/lib/clouds/retry";
import { azureClients } from "./clients";
import { explainAzureError, unexpectedResponse } from "./explain";
import { readContext, type AzureAdapterSettings, type ReadContext } from "./read-context";
import { outsideTenant } from "./read-target";
import { toActualBinding, type FicHome } from "./to-actual";
import { armFicStore } from "./write-arm";
import { changeSpec, describeAzureChange } from "./write-describe";
import { concurrentWritesCode, explainWriteError } from "./write-errors";
import { graphFicStore } from "./write-graph";
import { createKeyedMutex } from "@/lib/clouds/keyed-mutex";
import { guardPlannedWrite } from "@/lib/clouds/write-guard";
import type { FicFields } from "./responses";

/*
 * Azure adapter (write side): a change to one federated credential, applied
 * the way a careful operator would: re-read it, write only when Azure holds
 * something else, one write at a time per identity or app.
 *
 * Permissions Fedlens needs to write (least privilege), besides those to read:
 * - Azure RBAC on each identity (or its resource group or subscription): a
 *   custom role with
 *     Microsoft.ManagedIdentity/userAssignedIdentities/read
 *     Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read
 *     Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write
 *     Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete
 *   (https://learn.microsoft.com/en-us/azure/role-based-access-control/permissions/identity#microsoftmanagedidentity).
 *   The built-in Managed Identity Federated Identity Credential Contributor
 *   role has these four and a little more (deployments, alert rules)
 *   (https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/identity#managed-identity-federated-identity-credential-contributor);
 *   Managed Identity Contributor works too but can create and delete identities.
 * - Microsoft Graph: Application.ReadWrite.OwnedBy with Fedlens's service
 *   principal an owner of each app registration it manages, or
 *   Application.ReadWrite.All for every app; admin consent either way
 *   (https://learn.microsoft.com/en-us/graph/api/application-post-federatedidentitycredentials#permissions).
 */

export type AzureWriterSettings = AzureAdapterSettings & {
  /** Re-reads and re-applies after Azure's concurrent-write 409 (SECURITY.md 4.4: a small separate budget). */
  concurrentWriteAttempts?: number;
};

// One per process: every writer instance shares the per-target order.
const runExclusive = createKeyedMutex();
// One set of clients per opened connection (an apply opens each connection
// once): new clients per change meant a new sign-in for every change.
const clientsByConnection = new WeakMap<AdapterConnection, ReturnType<typeof azureClients>>();
function clientsOf(connection: ConnectionOf<"azure">) {
  let clients = clientsByConnection.get(connection);
  if (!clients) {
    clients = azureClients(connection);
    clientsByConnection.set(connection, clients);
  }
  return clients;
}

type Stored = FicFields & { id?: string };
type FicStore = {
  read(name: string): Promise<Stored | null>;
  write(spec: TAzureBindingSpec, current: Stored | null): Promise<Stored>;
  remove(current: Stored): Promise<void>;
};

function homeOf(connection: ConnectionOf<"azure">, target: CatalogTargetRef): FicHome {
  const config =
    target.kind === "azure-uami"
      ? { kind: target.kind, config: ZAzureUamiConfig.parse(target.config) }
      : { kind: "azure-app" as const, config: ZAzureAppConfig.parse(target.config) };
  if (config.config.tenantId !== connection.scope.tenantId) throw outsideTenant(target.externalId);
  return config;
}

function storeFor(ctx: ReadContext, home: FicHome): FicStore {
  if (home.kind === "azure-uami") return armFicStore(ctx, home.config) as FicStore;
  return graphFicStore(ctx, home.config.applicationObjectId) as FicStore;
}

function asBinding(fields: Stored, home: FicHome, object: string) {
  const result = toActualBinding(fields, home);
  if ("foreign" in result) throw unexpectedResponse(object, result.foreign.description);
  return result.binding;
}

/** The credential as the read side reports it, or undefined when it is not one Fedlens can hold. */
const cloudObjectOf = (fields: Stored, home: FicHome): unknown => {
  const read = toActualBinding(fields, home);
  return "binding" in read ? read.binding.cloudObject : undefined;
};

async function applyOnce(store: FicStore, home: FicHome, change: PlannedChange, object: string) {
  const spec = changeSpec(change);
  const current = await store.read(spec.name);
  const isPlanned = (fields: Stored) =>
    change.op !== "create" &&
    isDeepStrictEqual(cloudObjectOf(fields, home), change.actual.cloudObject);
  if (change.op === "delete") {
    if (guardPlannedWrite(change, { current, isDone: !current, isPlanned }, object) === "done") {
      return { status: "unchanged", after: null } satisfies ApplyResult;
    }
    await store.remove(current as Stored);
    return { status: "applied", after: null } satisfies ApplyResult;
  }
  // Azure keeps a credential's name as first written and compares it
  // case-insensitively: the cloud's spelling is kept, or a re-run would never converge.
  const desired = current ? { ...spec, name: current.name } : spec;
  const want = asBinding(desired, home, object).cloudObject;
  const isDone = current !== null && isDeepStrictEqual(cloudObjectOf(current, home), want);
  if (guardPlannedWrite(change, { current, isDone, isPlanned }, object) === "done") {
    return {
      status: "unchanged",
      after: asBinding(current as Stored, home, object),
    } satisfies ApplyResult;
  }
  const written = await store.write(desired, current);
  return { status: "applied", after: asBinding(written, home, object) } satisfies ApplyResult;
}

export function createAzureWriter(settings: AzureWriterSettings = {}): CloudWriter {
  const policy = settings.retryPolicy ?? defaultRetryPolicy;
  const attempts = settings.concurrentWriteAttempts ?? 4;
  const sleep =
    settings.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    describeChange: describeAzureChange,
    // Credentials of one identity or app registration are written one at a time.
    serialKey: (target) => target.externalId,
    async applyChange(connection: AdapterConnection, target, change, options) {
      if (connection.cloud !== "azure")
        throw new Error("The Azure writer writes Azure connections.");
      const object = `${target.externalId} ${changeSpec(change).name}`;
      try {
        const home = homeOf(connection, target);
        const store = storeFor(readContext(clientsOf(connection), settings, options?.signal), home);
        return await runExclusive(target.externalId, async () => {
          for (let attempt = 1; ; attempt++) {
            try {
              return await applyOnce(store, home, change, object);
            } catch (error) {
              // Another writer outside Fedlens held the identity: wait, re-read, re-apply.
              if (explainAzureError(error).code !== concurrentWritesCode || attempt >= attempts)
                throw error;
              const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
              await sleep(backoff * (0.5 + Math.random() / 2), options?.signal);
            }
          }
        });
      } catch (error) {
        throw new CloudCallError({ object, ...explainWriteError(explainAzureError(error)) });
      }
    },
  };
}

export const azureWriter: CloudWriter = createAzureWriter();
