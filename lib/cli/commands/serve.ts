import { fork } from "node:child_process";
import path from "node:path";
import { findAuditWarnings } from "@/lib/audit/find-audit-warnings";
import { resolveAuditSecret } from "@/lib/audit/load-audit-keyring";
import { bootstrapAdminFromEnv } from "@/lib/auth/users/bootstrap-admin";
import { hasAnyUser } from "@/lib/auth/users/setup-first-admin";
import { parseArgs } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { ensureDataDirSecret } from "@/lib/cli/data-dir-secret";
import { disconnectDb, getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { getEnv, processEnvironment, publicOrigin } from "@/lib/env";
import { rewrapSecretsAtStart } from "@/lib/connections/rewrap-connection-secrets";
import { startProcessWorker } from "@/lib/jobs/start-process-worker";
import { startSandboxIfEnabled } from "@/lib/sandbox/start-sandbox-if-enabled";
import { resolveSecretKey } from "@/lib/secrets/load-secret-keyring";
import { consoleNodeFlags } from "@/lib/server/console-node-flags";

export const usage =
  "serve [--dev]                    run the console (npm start builds, then runs this)";

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { dev: "boolean" });
  const env = getEnv();
  const secret =
    env.NEXTAUTH_SECRET ??
    (await ensureDataDirSecret(path.resolve(env.FEDLENS_DATA_DIR), "auth-secret"));
  const auditKey = await resolveAuditSecret(env);
  const secretKey = await resolveSecretKey(env);
  const db = await openDatabase();
  console.log(`Database: ${db.description}`);
  if (db.migration.applied.length)
    console.log(`Applied migrations: ${db.migration.applied.join(", ")}`);
  for (const warning of await findAuditWarnings()) console.warn(`Warning: ${warning}`);
  const firstStart = db.migration.alreadyApplied === 0;
  if (db.kind === "embedded" && firstStart && env.FEDLENS_DEMO_SEED === "auto") {
    const added = await seedDemo();
    console.log(
      `Loaded the demo catalogue (${added.issuers} issuers, ${added.workloads} workloads, ${added.targets} targets, ${added.bindings} bindings).`,
    );
  }
  const rewrap = await rewrapSecretsAtStart();
  if (rewrap.rewrapped)
    console.log(`Re-wrapped ${rewrap.rewrapped} stored secrets under key ${rewrap.keyId}.`);
  for (const failure of rewrap.failed)
    console.warn(`Warning: the secret of connection "${failure.connection}": ${failure.reason}.`);
  const bootstrap = await bootstrapAdminFromEnv();
  if (bootstrap === "created")
    console.log(`Created admin ${env.FEDLENS_ADMIN_EMAIL} from FEDLENS_ADMIN_EMAIL.`);
  const origin = publicOrigin();
  const needsSetup = !(await hasAnyUser(getDb()));
  const sandbox = await startSandboxIfEnabled(db.kind);
  // The console opens its own pool; release ours.
  await disconnectDb();
  // The job worker runs in this process, beside the embedded database it may serve.
  const worker =
    env.FEDLENS_WORKER === "on"
      ? await startProcessWorker({ databaseUrl: db.url, embedded: db.kind !== "postgres" })
      : null;

  const child = fork(path.join(process.cwd(), "lib", "server", "serve.ts"), [], {
    execArgv: [...consoleNodeFlags, "--import", "tsx"],
    env: {
      ...processEnvironment(),
      NODE_ENV: args.flags.dev ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: db.url,
      FEDLENS_DB_POOL_MAX: db.kind === "postgres" ? String(env.FEDLENS_DB_POOL_MAX) : "1",
      NEXTAUTH_SECRET: secret,
      FEDLENS_AUDIT_KEY: auditKey,
      FEDLENS_SECRET_KEY: secretKey,
      NEXTAUTH_URL: origin,
    },
    stdio: "inherit",
  });
  child.on("message", (message) => {
    if ((message as { type?: string }).type !== "listening") return;
    console.log(`Fedlens console: ${origin}`);
    if (needsSetup) {
      console.log(
        `No users yet: open ${origin}/setup to create the first admin, or run\n` +
          "  npm run fedlens -- user add --email you@example.com --role admin",
      );
    }
  });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await new Promise<number>((resolve) =>
    child.on("exit", (exitCode) => resolve(exitCode ?? 0)),
  );
  await worker?.stop();
  await sandbox?.close();
  await db.close();
  return code;
}
