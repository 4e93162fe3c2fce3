// The tenants and confidential clients (app registrations with a client secret)
// the emulator's Entra token endpoint knows, and the access tokens it issued.

export type EntraClient = {
  tenantId: string;
  clientId: string;
  secret: string;
  /** Object id of the client's service principal: the token's `oid`. */
  principalObjectId: string;
};

const clientKey = (tenantId: string, clientId: string) =>
  `${tenantId.toLowerCase()}|${clientId.toLowerCase()}`;

export class EntraStore {
  private tenants = new Set<string>();
  private clients = new Map<string, EntraClient>();
  private issued = new Set<string>();

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
