import "server-only";
import { z } from "zod";
import type { ConnectionSecret } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { openSecret, sealSecret } from "@/lib/secrets/envelope";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";
import type { MasterKeyring } from "@/lib/secrets/master-keyring";
import type {
  TAwsSecret,
  TAzureSecret,
  TGcpSecret,
  TSecretInput,
} from "@/lib/schemas/connection-auth";

// How a connection's secret sits in its `secret` column: the identity it
// signs in as in clear (shown to admins, not secret), the secret value
// sealed with the envelope. The AAD names the row and the field, so a
// sealed value copied to another connection or field does not open.

const ZSealed = z.string().min(1);
const storedShapes = {
  azure: z.object({ clientId: z.string(), clientSecret: ZSealed }).strict(),
  aws: z.object({ accessKeyId: z.string(), secretAccessKey: ZSealed }).strict(),
  gcp: z.object({ clientEmail: z.string(), serviceAccountKey: ZSealed }).strict(),
} as const;
export type StoredSecret = z.infer<(typeof storedShapes)[Cloud]>;

/** The field holding the sealed value, per cloud. */
export const sealedField = {
  azure: "clientSecret",
  aws: "secretAccessKey",
  gcp: "serviceAccountKey",
} as const satisfies Record<Cloud, string>;

export const secretAad = (connectionId: string, field: string) =>
  `connection:${connectionId}:${field}`;

export function parseStoredSecret(cloud: Cloud, json: unknown): StoredSecret {
  const parsed = storedShapes[cloud].safeParse(json);
  if (!parsed.success) throw new Error("The stored secret of this connection is malformed.");
  return parsed.data;
}

/** Who the stored secret signs in as. */
export function secretIdentity(cloud: Cloud, stored: StoredSecret): string {
  const record = stored as Record<string, string>;
  return record[{ azure: "clientId", aws: "accessKeyId", gcp: "clientEmail" }[cloud]] ?? "";
}

export function sealConnectionSecret(
  keyring: MasterKeyring,
  { id, cloud }: { id: string; cloud: Cloud },
  input: TSecretInput,
): StoredSecret {
  const aad = secretAad(id, sealedField[cloud]);
  switch (cloud) {
    case "azure": {
      const secret = input as TAzureSecret;
      return {
        clientId: secret.clientId,
        clientSecret: sealSecret(keyring, secret.clientSecret, aad),
      };
    }
    case "aws": {
      const secret = input as TAwsSecret;
      return {
        accessKeyId: secret.accessKeyId,
        secretAccessKey: sealSecret(keyring, secret.secretAccessKey, aad),
      };
    }
    case "gcp": {
      const key = (input as TGcpSecret).serviceAccountKey;
      return {
        clientEmail: key.clientEmail,
        serviceAccountKey: sealSecret(keyring, key.text, aad),
      };
    }
  }
}

/** The sealed value of a stored secret, to re-wrap it. */
export function sealedValue(cloud: Cloud, stored: StoredSecret): string {
  return (stored as Record<string, string>)[sealedField[cloud]] ?? "";
}

export function withSealedValue(cloud: Cloud, stored: StoredSecret, sealed: string): StoredSecret {
  return { ...stored, [sealedField[cloud]]: sealed } as StoredSecret;
}

/** The secret opened in memory, as the adapters take it. */
export function openConnectionSecret(
  keyring: MasterKeyring,
  { id, cloud }: { id: string; cloud: Cloud },
  stored: StoredSecret,
): ConnectionSecret {
  const value = openSecret(keyring, sealedValue(cloud, stored), secretAad(id, sealedField[cloud]));
  const identity = secretIdentity(cloud, stored);
  switch (cloud) {
    case "azure":
      return { kind: "azure-client-secret", clientId: identity, clientSecret: value };
    case "aws":
      return { kind: "aws-access-key", accessKeyId: identity, secretAccessKey: value };
    case "gcp":
      return { kind: "gcp-service-account-key", keyJson: value };
  }
}

/** The columns a newly sealed secret fills, under the current master key. */
export async function sealedColumns(id: string, cloud: Cloud, input: TSecretInput) {
  const keyring = await loadSecretKeyring();
  return {
    secret: sealConnectionSecret(keyring, { id, cloud }, input),
    secretKeyId: keyring.current.id,
    secretUpdatedAt: new Date(),
  };
}
