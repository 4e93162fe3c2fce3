import "server-only";
import type { TAzureConnectionScope } from "@/lib/clouds/azure/connection-scope";
import { uamiResourceId } from "@/lib/clouds/azure/ids";
import type { TAzureAppConfig, TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import type { EstateTarget } from "@/lib/sandbox/demo-estate";
import type { FicProperties } from "@/test/emulators/azure/fic-rules";
import type { AzureEmulator } from "@/test/emulators/azure/server";

// The Sandbox Azure tenant: the demo's managed identities and app
// registration with the FICs the catalogue shows for them, then what the
// catalogue does not know (an unmanaged FIC and identity, offered for import)
// and what differs (a FIC whose subject was edited in the cloud: drift).

type UamiFicObject = { name: string; properties: FicProperties };
type AppFicObject = FicProperties & { name: string };

const github = "https://token.actions.githubusercontent.com";
const audiences = ["api://AzureADTokenExchange"];

/** Objects only the cloud holds; the names tell the operator what they are for. */
export const azureUnmanaged = {
  fic: {
    name: "payments-worker-production",
    subject: "repo:contoso/payments-worker:environment:production",
  },
  identity: { resourceGroup: "rg-payments-prod", name: "id-reporting-nightly" },
  identityFic: {
    name: "reporting-nightly-main",
    subject: "repo:contoso/reporting:ref:refs/heads/main",
  },
};
/** A demo FIC whose subject someone changed in the cloud. */
export const azureDrifted = {
  identityName: "id-payments-prod",
  fic: "payments-api-staging",
  subject: "repo:contoso/payments-api:environment:stage",
};

function ficProperties({ issuer, subject, audiences, claimsMatchingExpression }: AppFicObject) {
  return subject
    ? { issuer, subject, audiences }
    : { issuer, audiences, ...(claimsMatchingExpression ? { claimsMatchingExpression } : {}) };
}

function seedCatalogued(emulator: AzureEmulator, target: EstateTarget): void {
  if (target.kind === "azure-uami") {
    const config = target.config as TAzureUamiConfig;
    const id = emulator.store.addIdentity(
      config.subscriptionId,
      config.resourceGroup,
      config.identityName,
      { tenantId: config.tenantId, clientId: config.clientId, principalId: config.principalId },
    );
    for (const { cloudObject } of target.bindings) {
      const { name, properties } = cloudObject as UamiFicObject;
      emulator.store.seedFic(id, { name, properties });
    }
    return;
  }
  const { applicationObjectId, clientId, displayName } = target.config as TAzureAppConfig;
  emulator.graph.addApplication(applicationObjectId, { appId: clientId, displayName });
  for (const { cloudObject } of target.bindings) {
    const object = cloudObject as AppFicObject;
    emulator.graph.seedFic(applicationObjectId, {
      name: object.name,
      properties: ficProperties(object),
    });
  }
}

/** Fills the emulator with the demo estate's Azure side, plus the unmanaged and drifted objects. */
export function seedAzureSandbox(
  emulator: AzureEmulator,
  estate: EstateTarget[],
  scope: TAzureConnectionScope,
): void {
  emulator.store.defaultTenantId = scope.tenantId;
  for (const target of estate) if (target.cloud === "azure") seedCatalogued(emulator, target);
  const subscriptionId = scope.subscriptionIds[0];
  if (!subscriptionId) return;
  const { fic, identity, identityFic } = azureUnmanaged;
  const payments = estate.find(
    (target) =>
      target.kind === "azure-uami" &&
      (target.config as TAzureUamiConfig).identityName === azureDrifted.identityName,
  );
  if (payments) {
    const id = uamiResourceId(payments.config as TAzureUamiConfig);
    emulator.store.seedFic(id, {
      name: fic.name,
      properties: { issuer: github, subject: fic.subject, audiences },
    });
    const drifted = emulator.store.fics(id).find((stored) => stored.name === azureDrifted.fic);
    if (drifted) drifted.properties = { ...drifted.properties, subject: azureDrifted.subject };
  }
  const reporting = emulator.store.addIdentity(
    subscriptionId,
    identity.resourceGroup,
    identity.name,
  );
  emulator.store.seedFic(reporting, {
    name: identityFic.name,
    properties: { issuer: github, subject: identityFic.subject, audiences },
  });
}
