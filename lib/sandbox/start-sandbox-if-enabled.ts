import "server-only";
import type { DatabaseSession } from "@/lib/cli/database";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";
import { allowEmulatorEndpoints } from "@/lib/sandbox/allow-emulator-endpoints";
import { hasDemoCatalogue } from "@/lib/sandbox/demo-estate";
import { sandboxIssuerName } from "@/lib/sandbox/sandbox-issuer";
import { decideSandbox } from "@/lib/sandbox/sandbox-mode";
import { startSandbox, type Sandbox } from "@/lib/sandbox/start-sandbox";

/** `serve`'s hook: starts the sandbox when FEDLENS_SANDBOX and the database call for it. */
export async function startSandboxIfEnabled(
  databaseKind: DatabaseSession["kind"],
): Promise<Sandbox | undefined> {
  const env = getEnv();
  const decision = decideSandbox({
    setting: env.FEDLENS_SANDBOX,
    databaseKind,
    demoSeed: env.FEDLENS_DEMO_SEED,
    hasDemoCatalogue: env.FEDLENS_SANDBOX === "auto" && (await hasDemoCatalogue(getDb())),
  });
  if (!decision.enabled) return undefined;
  const sandbox = await startSandbox({ keyring: await loadSecretKeyring(env) });
  allowEmulatorEndpoints(sandbox);
  const names = [...sandbox.connections.created, ...sandbox.connections.refreshed];
  console.log(
    `Sandbox: built-in cloud emulators on loopback serve ${names.join(", ")} (${decision.reason}).`,
  );
  if (sandbox.issuer.catalogueId) {
    console.log(
      `Sandbox issuer: its workloads' pages offer sample tokens; its keys are served on ${sandbox.issuer.origin}.`,
    );
  } else {
    console.warn(`Warning: an issuer of yours is named "${sandboxIssuerName}"; no sample tokens.`);
  }
  for (const name of sandbox.connections.skipped) {
    console.warn(`Warning: a connection of yours is named "${name}"; the sandbox left it alone.`);
  }
  return sandbox;
}
