import type { FicProperties } from "./fic-rules";

export type StoredFic = { name: string; properties: FicProperties };
export type StoredIdentity = {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tenantId: string;
  clientId: string;
  principalId: string;
  fics: Map<string, StoredFic>;
  writeInFlight: boolean;
};
export type IdentityOptions = Partial<
  Pick<StoredIdentity, "location" | "tenantId" | "clientId" | "principalId">
>;

const PROVIDER = "providers/Microsoft.ManagedIdentity/userAssignedIdentities";

export function identityId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/${PROVIDER}/${name}`;
}

// ARM resource ids, resource group and resource names compare case-insensitively.
// https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules
const keyOf = (id: string) => id.toLowerCase();

export class MsiStore {
  private identities = new Map<string, StoredIdentity>();
  /** The tenant new identities belong to unless told otherwise. */
  defaultTenantId = "00000000-0000-4000-8000-00000000a0a0";

  /** Creates an identity (Entra gives it a client id and a service principal) and returns its ARM id. */
  addIdentity(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
    options: IdentityOptions = {},
  ): string {
    const id = identityId(subscriptionId, resourceGroup, name);
    this.identities.set(keyOf(id), {
      id,
      subscriptionId,
      resourceGroup,
      name,
      location: options.location ?? "westeurope",
      tenantId: options.tenantId ?? this.defaultTenantId,
      clientId: options.clientId ?? crypto.randomUUID(),
      principalId: options.principalId ?? crypto.randomUUID(),
      fics: new Map(),
      writeInFlight: false,
    });
    return id;
  }

  /** Deletes an identity and its FICs, as a change made outside the API under test. */
  removeIdentity(id: string) {
    this.identities.delete(keyOf(id));
  }

  identity(id: string): StoredIdentity | undefined {
    return this.identities.get(keyOf(id));
  }

  /** Every identity, in creation order (Entra finds one by its client id). */
  all = (): StoredIdentity[] => [...this.identities.values()];

  /** The identities of a subscription, or of one of its resource groups, in creation order. */
  list(subscriptionId: string, resourceGroup?: string): StoredIdentity[] {
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    return [...this.identities.values()].filter(
      (i) =>
        same(i.subscriptionId, subscriptionId) &&
        (resourceGroup === undefined || same(i.resourceGroup, resourceGroup)),
    );
  }

  /** Puts a FIC straight into the state, as a change made outside the API under test. */
  seedFic(id: string, fic: StoredFic) {
    const identity = this.identity(id);
    if (!identity) throw new Error(`no identity ${id}`);
    identity.fics.set(fic.name.toLowerCase(), fic);
  }

  /** Deletes a FIC straight from the state. */
  removeFic(id: string, name: string) {
    this.identity(id)?.fics.delete(name.toLowerCase());
  }

  fics(id: string): StoredFic[] {
    return [...(this.identity(id)?.fics.values() ?? [])];
  }
}
