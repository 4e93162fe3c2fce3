import { z } from "zod";
import { ZAzureGuid } from "@/lib/clouds/azure/ids";
import { ZEndpointUrl } from "@/lib/schemas/connection-endpoints";

// How a connection signs in: the SDKs' ambient chain, or a stored secret.
// Messages never repeat what was typed: the values are secrets.

const ZSecretText = (max: number) =>
  z
    .string({ message: "is required" })
    .trim()
    .min(1, "is required")
    .max(max, `must be at most ${max} characters`)
    .regex(/^\S+$/, "must not contain spaces or line breaks");

// IAM users' long-term keys start with AKIA; ASIA keys are temporary and
// need a session token, which a stored connection cannot renew
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
const ZAwsAccessKeyId = z
  .string({ message: "is required" })
  .trim()
  .regex(
    /^AKIA[A-Z0-9]{12,124}$/,
    "must be a long-term access key ID (AKIA followed by letters and digits)",
  );

export const maxServiceAccountKeyLength = 16 * 1024;

// The fields Google puts in a service-account key file that Fedlens uses
// (https://cloud.google.com/iam/docs/keys-create-delete#creating); others are kept as they are.
const ZServiceAccountKeyShape = z
  .object({
    type: z.literal("service_account", {
      message: "is not a service-account key (its type must be service_account)",
    }),
    client_email: z.email({ message: "has no valid client_email" }),
    private_key: z
      .string({ message: "has no private_key" })
      .regex(
        /^-----BEGIN PRIVATE KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PRIVATE KEY-----\r?\n?$/,
        "has a private_key that is not a PEM private key",
      ),
    token_uri: z.string({ message: "has no token_uri" }).pipe(ZEndpointUrl),
  })
  .loose();

export type ServiceAccountKey = { text: string; clientEmail: string; tokenUri: string };

/** The key file as text (forms) or as an object (API); parse errors never quote the text. */
export const ZServiceAccountKey = z
  .union([z.string(), z.record(z.string(), z.unknown())], {
    message: "must be the service-account key file's JSON",
  })
  .transform((value, ctx): ServiceAccountKey => {
    const text = typeof value === "string" ? value.trim() : JSON.stringify(value);
    if (text.length > maxServiceAccountKeyLength) {
      ctx.addIssue({
        code: "custom",
        message: `must be at most ${maxServiceAccountKeyLength} characters`,
      });
      return z.NEVER;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "is not valid JSON: paste the whole key file" });
      return z.NEVER;
    }
    const shape = ZServiceAccountKeyShape.safeParse(json);
    if (!shape.success) {
      const reasons = shape.error.issues.map((issue) =>
        issue.path[0] === "token_uri" && issue.message.startsWith("must")
          ? `has a token_uri that ${issue.message}`
          : issue.message,
      );
      ctx.addIssue({ code: "custom", message: [...new Set(reasons)].join("; ") });
      return z.NEVER;
    }
    return { text, clientEmail: shape.data.client_email, tokenUri: shape.data.token_uri };
  });

export const ZAmbientAuth = z.object({ kind: z.literal("ambient") }).strict();

export const secretFields = {
  azure: { clientId: ZAzureGuid, clientSecret: ZSecretText(1024) },
  aws: { accessKeyId: ZAwsAccessKeyId, secretAccessKey: ZSecretText(128) },
  gcp: { serviceAccountKey: ZServiceAccountKey },
} as const;

export const ZAzureSecret = z.object(secretFields.azure).strict();
export const ZAwsSecret = z.object(secretFields.aws).strict();
export const ZGcpSecret = z.object(secretFields.gcp).strict();
export type TAzureSecret = z.infer<typeof ZAzureSecret>;
export type TAwsSecret = z.infer<typeof ZAwsSecret>;
export type TGcpSecret = z.infer<typeof ZGcpSecret>;
export type TSecretInput = TAzureSecret | TAwsSecret | TGcpSecret;

const secretAuth = <S extends z.ZodRawShape>(shape: S) =>
  z.object({ kind: z.literal("secret"), ...shape }).strict();

export const authSchemas = {
  azure: z.discriminatedUnion("kind", [ZAmbientAuth, secretAuth(secretFields.azure)]),
  aws: z.discriminatedUnion("kind", [ZAmbientAuth, secretAuth(secretFields.aws)]),
  gcp: z.discriminatedUnion("kind", [ZAmbientAuth, secretAuth(secretFields.gcp)]),
};

/** The secret's fields on an edit: absent = keep the stored secret. */
export const ZSecretUpdateFields = z
  .object({
    clientId: z.string().optional(),
    clientSecret: z.string().optional(),
    accessKeyId: z.string().optional(),
    secretAccessKey: z.string().optional(),
    serviceAccountKey: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  })
  .strict();
