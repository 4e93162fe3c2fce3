import { generateKeyPairSync } from "node:crypto";
import type { GcpEmulator } from "./server";

// A service-account key made at test time (never committed): the emulator's
// token endpoint trusts its public half, the client signs with the private
// half, as with a key from `gcloud iam service-accounts keys create`.
// https://cloud.google.com/iam/docs/keys-create-delete
export function createServiceAccountKey(
  emulator: GcpEmulator,
  email: string,
  { register = true }: { register?: boolean } = {},
): string {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyId = register ? emulator.state.registerKey(email, publicKey) : "unregistered";
  return JSON.stringify({
    type: "service_account",
    project_id: email.split("@")[1]?.split(".")[0] ?? "",
    private_key_id: keyId,
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: email,
    client_id: "100000000000000000000",
    token_uri: emulator.tokenUrl,
  });
}
