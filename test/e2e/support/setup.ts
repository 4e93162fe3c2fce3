import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { resetDatabase } from "../../support/test-database";

// Every file starts from an empty database (no users, so /setup is open) and
// owns whatever it creates. The factories in this process reach the same
// database the console uses.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.FEDLENS_DB_POOL_MAX = "2";
process.env.LOG_LEVEL = "silent";
resetEnvCache();

beforeAll(async () => {
  await resetDatabase(inject("databaseUrl"));
});

afterAll(async () => {
  await disconnectDb();
});
