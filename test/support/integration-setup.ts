import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { resetDatabase } from "./test-database";

// Each file starts from empty tables and its own configuration.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.FEDLENS_DB_POOL_MAX = inject("databaseKind") === "pglite" ? "1" : "4";
process.env.NEXTAUTH_SECRET = "integration-test-secret-that-is-long-enough-0123456789";
process.env.FEDLENS_PUBLIC_URL = "http://localhost:3000";
process.env.LOG_LEVEL = "silent";
resetEnvCache();

beforeAll(async () => {
  await resetDatabase(inject("databaseUrl"));
});

afterAll(async () => {
  await disconnectDb();
});
