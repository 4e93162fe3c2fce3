import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { resetDatabase } from "./test-database";

/**
 * Points this test file at the run's database and starts it from empty
 * tables; shared by the integration and browser setups.
 */
export function prepareTestDatabase(url: string, extraEnv: Record<string, string>): void {
  Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: "silent", ...extraEnv });
  resetEnvCache();
  beforeAll(async () => {
    await resetDatabase(url);
  });
  afterAll(async () => {
    await disconnectDb();
  });
}
