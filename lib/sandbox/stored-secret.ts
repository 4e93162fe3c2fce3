import "server-only";
import type { ConnectionSecret } from "@/lib/clouds/adapter-types";
import type { MasterKeyring } from "@/lib/secrets/master-keyring";
import { sealSecret } from "@/lib/secrets/envelope";

// TEMPORARY until the connections work lands: the stored form of a
// connection's secret. Replaced by the connections module's own sealing so
// that openConnection reads what the sandbox writes.
export function storedConnectionSecret(
  keyring: MasterKeyring,
  connectionId: string,
  secret: ConnectionSecret,
): { secret: Record<string, string>; keyId: string } {
  const aad = `connection:${connectionId}`;
  const { kind } = secret;
  const value: Record<string, string> =
    secret.kind === "azure-client-secret"
      ? { clientId: secret.clientId, clientSecret: sealSecret(keyring, secret.clientSecret, aad) }
      : secret.kind === "aws-access-key"
        ? {
            accessKeyId: secret.accessKeyId,
            secretAccessKey: sealSecret(keyring, secret.secretAccessKey, aad),
          }
        : { keyJson: sealSecret(keyring, secret.keyJson, aad) };
  return { secret: { kind, ...value }, keyId: keyring.current.id };
}
