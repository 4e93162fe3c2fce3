import { inject } from "vitest";
import { prepareTestDatabase } from "../../support/prepare-test-database";

// Every file starts from an empty database (no users, so /setup is open) and
// owns whatever it creates. The factories in this process reach the same
// database the console uses.
prepareTestDatabase(inject("databaseUrl"), { FEDLENS_DB_POOL_MAX: "2" });
