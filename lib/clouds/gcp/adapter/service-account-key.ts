import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import type { SecretValue } from "@/lib/secrets/secret-value";

// The JSON key file of a service account, as `gcloud iam service-accounts
// keys create` writes it. Only the fields Fedlens uses are read.
// https://cloud.google.com/iam/docs/keys-create-delete
const ZServiceAccountKey = z.object({
  type: z.literal("service_account"),
  client_email: z.email(),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
  token_uri: z.url({ protocol: /^https$/ }).optional(),
});
export type ServiceAccountKey = z.infer<typeof ZServiceAccountKey>;

const badKey = (message: string) =>
  new CloudCallError({
    kind: "unauthenticated",
    code: "InvalidServiceAccountKey",
    message,
    cause: "The stored secret is not a usable service-account key file.",
    fix: "Create a JSON key for the service account (IAM & Admin, Service accounts, Keys) and paste the whole file as the connection's secret.",
  });

/** Opens the stored key in memory; never echoes any of its content in an error. */
export function readServiceAccountKey(keyJson: SecretValue): ServiceAccountKey {
  let value: unknown;
  try {
    value = JSON.parse(keyJson.reveal());
  } catch {
    throw badKey("The key is not JSON.");
  }
  const parsed = ZServiceAccountKey.safeParse(value);
  if (!parsed.success) {
    throw badKey("The key JSON lacks type service_account, client_email or private_key.");
  }
  try {
    createPrivateKey(parsed.data.private_key);
  } catch {
    throw badKey("The key's private_key is not a PEM private key.");
  }
  return parsed.data;
}
