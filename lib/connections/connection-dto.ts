import "server-only";
import { describeCaBundle } from "@/lib/connections/ca-bundle";
import { parseStoredSecret, secretIdentity } from "@/lib/connections/connection-secret";
import type { Cloud } from "@/lib/clouds/types";
import { ZConnectionTest, type TConnection } from "@/lib/schemas/connection";

// The connection as the API, the pages and the audit trail show it: never
// the sealed secret, only who it signs in as and when it was replaced.

/** What every read of a connection selects (the secret column is omitted by default). */
export const connectionSelect = {
  id: true,
  name: true,
  cloud: true,
  scope: true,
  authKind: true,
  secret: true,
  secretUpdatedAt: true,
  endpoints: true,
  caBundle: true,
  sandbox: true,
  lastTest: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { targets: true } },
} as const;

export type ConnectionRow = {
  id: string;
  name: string;
  cloud: Cloud;
  scope: unknown;
  authKind: "ambient" | "secret";
  secret: unknown;
  secretUpdatedAt: Date | null;
  endpoints: unknown;
  caBundle: string | null;
  sandbox: boolean;
  lastTest: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  _count: { targets: number };
};

function authView(row: ConnectionRow): TConnection["auth"] {
  if (row.authKind === "ambient" || row.secret === null) return { kind: "ambient" };
  let identity: string | null = null;
  try {
    identity = secretIdentity(row.cloud, parseStoredSecret(row.cloud, row.secret));
  } catch {
    identity = null;
  }
  return { kind: "secret", identity, replacedAt: row.secretUpdatedAt?.toISOString() ?? null };
}

export function toConnectionDto(row: ConnectionRow): TConnection {
  const lastTest = ZConnectionTest.safeParse(row.lastTest);
  return {
    id: row.id,
    name: row.name,
    cloud: row.cloud,
    scope: row.scope as Record<string, unknown>,
    sandbox: row.sandbox,
    auth: authView(row),
    endpoints: row.endpoints as Record<string, string>,
    caBundle: row.caBundle,
    caCertificates: describeCaBundle(row.caBundle),
    lastTest: lastTest.success ? lastTest.data : null,
    targetCount: row._count.targets,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
