import { inject } from "vitest";
import { prepareTestDatabase } from "./prepare-test-database";

// Each file starts from empty tables and its own configuration.
prepareTestDatabase(inject("databaseUrl"), {
  FEDLENS_DB_POOL_MAX: inject("databaseKind") === "pglite" ? "1" : "4",
  NEXTAUTH_SECRET: "integration-test-secret-that-is-long-enough-0123456789",
  FEDLENS_PUBLIC_URL: "http://localhost:3000",
});
