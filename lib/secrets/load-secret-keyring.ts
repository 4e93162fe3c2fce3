import "server-only";
import path from "node:path";
import { ensureDataDirSecret } from "@/lib/cli/data-dir-secret";
import { getEnv, type Env } from "@/lib/env";
import {
  buildMasterKeyring,
  deriveMasterKey,
  type MasterKeyring,
} from "@/lib/secrets/master-keyring";

/**
 * FEDLENS_SECRET_KEY, else a key derived from the secret generated into
 * FEDLENS_DATA_DIR like the session secret; `serve` passes the result to the
 * console process as FEDLENS_SECRET_KEY.
 */
export async function resolveSecretKey(env: Env = getEnv()): Promise<string> {
  if (env.FEDLENS_SECRET_KEY) return env.FEDLENS_SECRET_KEY;
  const generated = await ensureDataDirSecret(path.resolve(env.FEDLENS_DATA_DIR), "secret-key");
  return deriveMasterKey(generated);
}

/**
 * The current master key and the previous ones. Not memoised: building it is
 * a few hashes, and under `serve` the key is always in the environment.
 */
export async function loadSecretKeyring(env: Env = getEnv()): Promise<MasterKeyring> {
  return buildMasterKeyring(await resolveSecretKey(env), env.FEDLENS_SECRET_PREVIOUS_KEYS);
}
