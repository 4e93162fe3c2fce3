// Catalogue targets and planned changes over the emulator's state, for the
// Azure writer's tests: the shapes the plan hands the writer.
import type { ActualBinding, CatalogTargetRef, PlannedChange } from "@/lib/clouds/adapter-types";
import { azureCatalog } from "@/lib/clouds/azure";
import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { azureAppIdentity, azureUamiIdentity } from "@/lib/clouds/azure/target-config";
import type { AzureEmulator } from "./server";

type Ids = { tenantId: string; subscriptionId: string; resourceGroup: string };

export function uamiTarget(
  emulator: AzureEmulator,
  identityId: string,
  ids: Ids,
): CatalogTargetRef {
  const identity = emulator.store.identity(identityId);
  if (!identity) throw new Error(`no identity ${identityId}`);
  const config = {
    ...ids,
    identityName: identity.name,
    clientId: identity.clientId,
    principalId: identity.principalId,
  };
  return {
    kind: "azure-uami",
    config,
    externalId: azureUamiIdentity(config).externalId,
    bindings: [],
  };
}

export function appTarget(
  emulator: AzureEmulator,
  objectId: string,
  tenantId: string,
): CatalogTargetRef {
  const app = emulator.graph.application(objectId);
  if (!app) throw new Error(`no application ${objectId}`);
  const config = { tenantId, applicationObjectId: objectId, clientId: app.appId };
  return {
    kind: "azure-app",
    config,
    externalId: azureAppIdentity(config).externalId,
    bindings: [],
  };
}

function desired(target: CatalogTargetRef, spec: TAzureBindingSpec) {
  const context = {
    spec,
    target: { id: "t", kind: target.kind, name: "t", config: target.config },
  };
  const cloudObject = azureCatalog.cloudObject(
    context as Parameters<typeof azureCatalog.cloudObject>[0],
  );
  return { key: spec.name.toLowerCase(), spec, cloudObject };
}

type Change<Op extends PlannedChange["op"]> = Extract<PlannedChange, { op: Op }>;

export const createChange = (
  target: CatalogTargetRef,
  spec: TAzureBindingSpec,
): Change<"create"> => ({
  op: "create",
  key: spec.name.toLowerCase(),
  desired: desired(target, spec),
});

export const updateChange = (
  target: CatalogTargetRef,
  actual: ActualBinding,
  spec: TAzureBindingSpec,
): Change<"update"> => ({ op: "update", key: actual.key, actual, desired: desired(target, spec) });

export const deleteChange = (actual: ActualBinding): Change<"delete"> => ({
  op: "delete",
  key: actual.key,
  actual,
});

const writeMethods = new Set(["PUT", "POST", "PATCH", "DELETE"]);

/** Credential writes the emulator has answered, by method ("PUT" → 2). */
export function credentialWrites(emulator: AzureEmulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { method, path } of emulator.requests) {
    if (!writeMethods.has(method) || !/federatedIdentityCredentials/i.test(path)) continue;
    counts[method] = (counts[method] ?? 0) + 1;
  }
  return counts;
}
