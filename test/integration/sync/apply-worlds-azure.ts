// The Azure worlds of the apply tests: a user-assigned identity (ARM) and an
// app registration (Microsoft Graph), each holding one hand-made credential.
import { credentialWrites } from "@/test/emulators/azure/writer-changes";
import { azureSpec, createTestBinding, uniqueSuffix } from "@/test/factories/catalog";
import {
  azureConnection,
  ficProperties,
  RG,
  startAzure,
  SUB,
  TENANT,
  type AzureBase,
} from "./drift-worlds";
import { addConnection, addTarget } from "./sync-support";
import { editBinding, githubWorkload, type ApplyWorld } from "./apply-worlds";

export type AzureApplyWorld = ApplyWorld & { base(): AzureBase; identity(): string };
export type AzureAppApplyWorld = ApplyWorld & { base(): AzureBase; objectId(): string };

type Fic = { name: string; properties: { issuer?: unknown; subject?: unknown } };

/**
 * What both Azure worlds do with credentials, whatever holds them (an
 * identity through ARM, an app through Graph): `fics` lists the holder's.
 */
function credentialParts(
  fics: () => Fic[],
  targetId: () => string,
): Pick<ApplyWorld, "addBinding" | "objectOf" | "edit" | "foreign" | "copies"> {
  const fic = (name: string) => fics().find((f) => f.name.toLowerCase() === name.toLowerCase());
  return {
    async addBinding() {
      const repo = `app-${uniqueSuffix()}`;
      const workload = await githubWorkload(repo);
      const spec = azureSpec(workload, { name: `fl-${repo}` });
      return createTestBinding({ workload, target: { id: targetId() }, spec });
    },
    async objectOf(binding) {
      const found = fic(binding.spec.name as string);
      return found ? { name: found.name, ...found.properties } : null;
    },
    async edit(admin, binding) {
      const audiences = ["api://fedlens-apply-test"];
      await editBinding(admin, binding, { ...binding.spec, audiences });
      return { audiences };
    },
    async foreign() {
      return structuredClone(fic("hand-made"));
    },
    async copies(binding) {
      const { issuer, subject } = binding.spec;
      return fics().filter(
        (f) => f.properties.issuer === issuer && f.properties.subject === subject,
      ).length;
    },
  };
}

/** A user-assigned identity holding one hand-made credential. */
export function azureApplyWorld(): AzureApplyWorld {
  let base: AzureBase;
  let identityId = "";
  let targetId = "";
  return {
    ...credentialParts(
      () => base.emulator.store.fics(identityId),
      () => targetId,
    ),
    name: "Azure user-assigned identity",
    skip: false,
    base: () => base,
    identity: () => identityId,
    async start() {
      base = await startAzure();
    },
    stop: () => base.emulator.close(),
    async setUp(admin) {
      base.emulator.faults.clear();
      const name = `id-apply-${uniqueSuffix()}`;
      identityId = base.emulator.store.addIdentity(SUB, RG, name, { tenantId: TENANT });
      base.emulator.store.seedFic(identityId, {
        name: "hand-made",
        properties: ficProperties("repo:acme/stray:ref:refs/heads/main"),
      });
      const stored = base.emulator.store.identity(identityId)!;
      const connection = await addConnection(admin, azureConnection(base));
      const target = await addTarget(
        admin,
        "azure-uami",
        {
          tenantId: TENANT,
          subscriptionId: SUB,
          resourceGroup: RG,
          identityName: name,
          clientId: stored.clientId,
          principalId: stored.principalId,
        },
        connection.id,
      );
      targetId = target.id;
      return targetId;
    },
    writes: () => Object.values(credentialWrites(base.emulator)).reduce((a, b) => a + b, 0),
  };
}

/** An app registration holding one hand-made credential, written through Microsoft Graph. */
export function azureAppApplyWorld(): AzureAppApplyWorld {
  let base: AzureBase;
  let objectId = "";
  let targetId = "";
  const fics = () => [...(base.emulator.graph.application(objectId)?.fics.values() ?? [])];
  return {
    ...credentialParts(fics, () => targetId),
    name: "Azure app registration",
    skip: false,
    base: () => base,
    objectId: () => objectId,
    async start() {
      base = await startAzure();
    },
    stop: () => base.emulator.close(),
    async setUp(admin) {
      base.emulator.faults.clear();
      const displayName = `app-apply-${uniqueSuffix()}`;
      objectId = base.emulator.graph.addApplication(crypto.randomUUID(), { displayName });
      base.emulator.graph.seedFic(objectId, {
        name: "hand-made",
        properties: ficProperties("repo:acme/stray:ref:refs/heads/main"),
      });
      const app = base.emulator.graph.application(objectId)!;
      const connection = await addConnection(admin, azureConnection(base, [objectId]));
      const target = await addTarget(
        admin,
        "azure-app",
        { tenantId: TENANT, applicationObjectId: objectId, clientId: app.appId, displayName },
        connection.id,
      );
      targetId = target.id;
      return targetId;
    },
    writes: () => Object.values(credentialWrites(base.emulator)).reduce((a, b) => a + b, 0),
  };
}
