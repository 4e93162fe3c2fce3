import "server-only";
import path from "node:path";
import { disconnectDb } from "@/lib/db/client";
import { findRunningEmbedded, startEmbedded, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate, type MigrateResult } from "@/lib/db/migrate";
import { getEnv, processEnvironment, resetEnvCache } from "@/lib/env";
import { installJobQueues } from "@/lib/jobs/boss";

export type DatabaseSession = {
  url: string;
  kind: "postgres" | "embedded" | "embedded-shared";
  description: string;
  migration: MigrateResult;
  close: () => Promise<void>;
};

function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "****";
  return parsed.toString();
}

/**
 * Points this process at its database (DATABASE_URL, else the embedded one,
 * shared with a running console when there is one) and applies migrations.
 */
export async function openDatabase(): Promise<DatabaseSession> {
  const env = getEnv();
  let embedded: EmbeddedDatabase | undefined;
  let url = env.DATABASE_URL;
  let kind: DatabaseSession["kind"] = "postgres";
  const dataDir = path.resolve(env.FEDLENS_DATA_DIR);
  if (!url) {
    const shared = await findRunningEmbedded(dataDir);
    if (shared) {
      url = shared;
      kind = "embedded-shared";
    } else {
      embedded = await startEmbedded(dataDir);
      url = embedded.url;
      kind = "embedded";
    }
    const processEnv = processEnvironment();
    processEnv.DATABASE_URL = url;
    processEnv.FEDLENS_DB_POOL_MAX = "1";
    resetEnvCache();
  }
  const description =
    kind === "postgres"
      ? `Postgres at ${redactUrl(url)}`
      : `embedded PGlite in ${path.join(dataDir, "pgdata")}`;
  try {
    const migration = await migrate(url);
    // pg-boss's own schema and our queues, beside the SQL migrations.
    await installJobQueues(url);
    return {
      url,
      kind,
      description,
      migration,
      async close() {
        await disconnectDb();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
