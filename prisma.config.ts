// Prisma CLI configuration. Engine binaries cannot be downloaded in our build
// environments, so the CLI runs the JavaScript schema engine through the pg
// driver adapter; only `generate` and `migrate diff` are used (migrations are
// applied by lib/db/migrate.ts).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// schema.prisma's datasource must name a URL even though nothing connects
// through it; a placeholder lets `generate` and `migrate diff` run anywhere.
process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1:5432/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  // Only reached by commands that talk to a database, which we do not use.
  async adapter() {
    return new PrismaPg({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
  },
});
