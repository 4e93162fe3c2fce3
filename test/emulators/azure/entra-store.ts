// The tenants and confidential clients (app registrations with a client secret)
// the emulator's Entra token endpoint knows, and the access tokens it issued;
// for federated exchanges (entra-assertion.ts), the service principals of the
// Graph store's applications and a record of every exchange asked for.

export type EntraClient = {
  tenantId: string;
  clientId: string;
  secret: string;
  /** Object id of the client's service principal: the token's `oid`. */
  principalObjectId: string;
};

const clientKey = (tenantId: string, clientId: string) =>
  `${tenantId.toLowerCase()}|${clientId.toLowerCase()}`;

/**
 * What one federated token request asked for and how it ended. The assertion
 * itself is not kept: its SHA-256 and the claims the trust check read are.
 */
export type ExchangeRecord = {
  tenant: string;
  clientId: string;
  scope: string;
  assertion: { sha256: string; iss?: unknown; sub?: unknown; aud?: unknown };
  /** "issued", or the AADSTS code refused with. */
  outcome: string;
  /** The access token minted, when one was (the emulator's own credential). */
  credential?: string;
};

export class EntraStore {
  private tenants = new Set<string>();
  private clients = new Map<string, EntraClient>();
  private issued = new Set<string>();
  private servicePrincipals = new Map<string, string>();
  /** Federated token requests, oldest first. */
  exchanges: ExchangeRecord[] = [];
  /**
   * The tenant the Graph store's applications live in: Graph serves one
   * directory, the one the MSI store's identities default to.
   */
  appTenantId = "00000000-0000-4000-8000-00000000a0a0";

  addTenant(tenantId: string) {
    this.tenants.add(tenantId.toLowerCase());
  }

  hasTenant(tenantId: string): boolean {
    return this.tenants.has(tenantId.toLowerCase());
  }

  /** Registers a client secret in a tenant (created when missing). */
  addClient(client: Omit<EntraClient, "principalObjectId"> & { principalObjectId?: string }) {
    this.addTenant(client.tenantId);
    const stored = { principalObjectId: crypto.randomUUID(), ...client };
    this.clients.set(clientKey(client.tenantId, client.clientId), stored);
    return stored;
  }

  client(tenantId: string, clientId: string): EntraClient | undefined {
    return this.clients.get(clientKey(tenantId, clientId));
  }

  /**
   * Object id of an application's service principal (the `oid` of its app-only
   * tokens): the client secret's when one is registered, else one made on first use.
   */
  servicePrincipalOf(tenantId: string, appId: string): string {
    const known = this.client(tenantId, appId)?.principalObjectId;
    if (known) return known;
    const key = clientKey(tenantId, appId);
    const made = this.servicePrincipals.get(key) ?? crypto.randomUUID();
    this.servicePrincipals.set(key, made);
    return made;
  }

  remember(token: string) {
    this.issued.add(token);
  }

  isIssued(token: string): boolean {
    return this.issued.has(token);
  }

  /** Forgets every issued token, as if they had all expired or been revoked. */
  revokeAll() {
    this.issued.clear();
  }
}
