import "server-only";
import path from "node:path";
import { buildKeyring, type AuditKeyring } from "@/lib/audit/audit-key";
import { ensureDataDirSecret } from "@/lib/cli/data-dir-secret";
import { getEnv, type Env } from "@/lib/env";

/** FEDLENS_AUDIT_KEY, else the one generated into FEDLENS_DATA_DIR like the session secret. */
export async function resolveAuditSecret(env: Env = getEnv()): Promise<string> {
  return (
    env.FEDLENS_AUDIT_KEY ??
    (await ensureDataDirSecret(path.resolve(env.FEDLENS_DATA_DIR), "audit-key"))
  );
}

let cached: { source: string; keyring: Promise<AuditKeyring> } | undefined;

/** The current audit key and the previous ones, re-read when the configuration changes. */
export function loadAuditKeyring(env: Env = getEnv()): Promise<AuditKeyring> {
  const source = JSON.stringify([
    env.FEDLENS_AUDIT_KEY,
    env.FEDLENS_AUDIT_PREVIOUS_KEYS,
    env.FEDLENS_DATA_DIR,
  ]);
  if (cached?.source !== source) {
    const keyring = resolveAuditSecret(env).then((secret) =>
      buildKeyring(secret, env.FEDLENS_AUDIT_PREVIOUS_KEYS),
    );
    // A failed read (an unwritable data dir) is retried on the next call.
    keyring.catch(() => {
      if (cached?.keyring === keyring) cached = undefined;
    });
    cached = { source, keyring };
  }
  return cached.keyring;
}
