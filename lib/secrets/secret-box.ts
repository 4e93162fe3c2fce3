import "server-only";
import * as envelope from "@/lib/secrets/envelope";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";
import type { SecretValue } from "@/lib/secrets/secret-value";

// The configured master keys applied to the envelope: what use-cases call.
// `aad` names the secret's owner, e.g. `connection:<id>:clientSecret`.

export async function seal(plaintext: string | SecretValue, aad: string): Promise<string> {
  return envelope.sealSecret(await loadSecretKeyring(), plaintext, aad);
}

export async function open(record: string, aad: string): Promise<SecretValue> {
  return envelope.openSecret(await loadSecretKeyring(), record, aad);
}

export async function rewrap(record: string): Promise<string> {
  return envelope.rewrapSecret(await loadSecretKeyring(), record);
}

export async function needsRewrap(record: string): Promise<boolean> {
  return envelope.needsRewrap(await loadSecretKeyring(), record);
}
