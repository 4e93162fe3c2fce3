import { randomBytes } from "node:crypto";
import { resetEnvCache } from "@/lib/env";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";
import type { MasterKeyring } from "@/lib/secrets/master-keyring";

/** A master key made for the test file, so nothing is read from or written to a data dir. */
export async function testKeyring(): Promise<MasterKeyring> {
  process.env.FEDLENS_SECRET_KEY = randomBytes(32).toString("base64");
  resetEnvCache();
  return loadSecretKeyring();
}

/** Sets the variables the sandbox decision reads, for the rest of the file. */
export function setSandboxEnv(values: { FEDLENS_SANDBOX: string; FEDLENS_DEMO_SEED: string }) {
  Object.assign(process.env, values);
  resetEnvCache();
}
