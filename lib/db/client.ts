import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { EnvError, getEnv } from "@/lib/env";

// The only place a Prisma client is built (CONVENTIONS 2). Hash and secret
// columns are omitted everywhere unless a query asks for them by name
// (CONVENTIONS 13).
function createClient(databaseUrl: string, poolMax: number) {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: poolMax,
    idleTimeoutMillis: 5_000,
  });
  return new PrismaClient({
    adapter,
    omit: {
      user: { passwordHash: true },
      apiToken: { tokenHash: true },
      cloudConnection: { secret: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** A use-case may run on the client or inside a caller's transaction. */
export type DbOrTx = Db | Tx;

const globalForDb = globalThis as unknown as { fedlensDb?: Db };

export function getDb(): Db {
  if (!globalForDb.fedlensDb) {
    const env = getEnv();
    if (!env.DATABASE_URL) {
      throw new EnvError("DATABASE_URL is not set (npm start sets it for the embedded database)");
    }
    globalForDb.fedlensDb = createClient(env.DATABASE_URL, env.FEDLENS_DB_POOL_MAX);
  }
  return globalForDb.fedlensDb;
}

export async function disconnectDb(): Promise<void> {
  const db = globalForDb.fedlensDb;
  globalForDb.fedlensDb = undefined;
  await db?.$disconnect();
}
