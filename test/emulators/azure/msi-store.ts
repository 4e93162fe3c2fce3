import type { FicProperties } from "./fic-rules";

export type StoredFic = { name: string; properties: FicProperties };
type Identity = { id: string; fics: Map<string, StoredFic>; writeInFlight: boolean };

const PROVIDER = "providers/Microsoft.ManagedIdentity/userAssignedIdentities";

export function identityId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/${PROVIDER}/${name}`;
}

// ARM resource ids, resource group and resource names compare case-insensitively.
// https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules
const keyOf = (id: string) => id.toLowerCase();

export class MsiStore {
  private identities = new Map<string, Identity>();

  addIdentity(subscriptionId: string, resourceGroup: string, name: string): string {
    const id = identityId(subscriptionId, resourceGroup, name);
    this.identities.set(keyOf(id), { id, fics: new Map(), writeInFlight: false });
    return id;
  }

  identity(id: string): Identity | undefined {
    return this.identities.get(keyOf(id));
  }

  /** Puts a FIC straight into the state, as a change made outside the API under test. */
  seedFic(id: string, fic: StoredFic) {
    const identity = this.identity(id);
    if (!identity) throw new Error(`no identity ${id}`);
    identity.fics.set(fic.name.toLowerCase(), fic);
  }

  fics(id: string): StoredFic[] {
    return [...(this.identity(id)?.fics.values() ?? [])];
  }
}
