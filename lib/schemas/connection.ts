import { z } from "zod";
import { ZAwsConnectionScope } from "@/lib/clouds/aws/connection-scope";
import { ZAzureConnectionScope } from "@/lib/clouds/azure/connection-scope";
import { ZGcpConnectionScope } from "@/lib/clouds/gcp/connection-scope";
import { jsonField } from "@/lib/schemas/common";
import { authSchemas, ZAmbientAuth, ZSecretUpdateFields } from "@/lib/schemas/connection-auth";
import { ZAwsEndpoints, ZAzureEndpoints, ZGcpEndpoints } from "@/lib/schemas/connection-endpoints";
import { ZCloud } from "@/lib/schemas/target";

// Cloud connections: how Fedlens reaches a cloud's management API. Inputs
// are per cloud (its scope, its secret, its endpoints); outputs never carry
// a secret, only that one is stored and when it was last replaced.

const ZName = z.string().trim().min(1, "is required").max(120, "must be at most 120 characters");

export const maxCaBundleLength = 48 * 1024;

/** PEM certificates; the server parses each one (blank = none). */
export const ZCaBundle = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? null : value),
  z
    .string({ message: "must be PEM certificates or null" })
    .trim()
    .max(maxCaBundleLength, `must be at most ${maxCaBundleLength} characters`)
    .nullable(),
);

export const connectionScopeSchemas = {
  azure: ZAzureConnectionScope,
  aws: ZAwsConnectionScope,
  gcp: ZGcpConnectionScope,
} as const;

export const connectionEndpointSchemas = {
  azure: ZAzureEndpoints,
  aws: ZAwsEndpoints,
  gcp: ZGcpEndpoints,
} as const;

const variant = <C extends "azure" | "aws" | "gcp">(cloud: C) =>
  z
    .object({
      name: ZName,
      cloud: z.literal(cloud),
      scope: jsonField(connectionScopeSchemas[cloud]),
      auth: authSchemas[cloud],
      endpoints: jsonField(connectionEndpointSchemas[cloud]).default({}),
      caBundle: ZCaBundle.optional(),
    })
    .strict();

export const ZConnectionCreateInput = z.discriminatedUnion(
  "cloud",
  [variant("azure"), variant("aws"), variant("gcp")],
  {
    error: (issue) =>
      issue.code === "invalid_union" ? "must be one of: azure, aws, gcp" : undefined,
  },
);
export type TConnectionCreateInput = z.infer<typeof ZConnectionCreateInput>;

export const ZSecretUpdateAuth = ZSecretUpdateFields.extend({ kind: z.literal("secret") }).strict();

/**
 * The cloud never changes; scope and endpoints are checked against it by the
 * use-case. On `auth: {kind: "secret"}` absent secret fields keep the stored
 * ones; `auth: {kind: "ambient"}` drops the stored secret.
 */
export const ZConnectionUpdateInput = z
  .object({
    name: ZName.optional(),
    scope: jsonField(z.record(z.string(), z.unknown())).optional(),
    endpoints: jsonField(z.record(z.string(), z.unknown())).optional(),
    caBundle: ZCaBundle.optional(),
    auth: z
      .discriminatedUnion("kind", [ZAmbientAuth, ZSecretUpdateAuth], {
        error: (issue) =>
          issue.code === "invalid_union" ? "kind must be ambient or secret" : undefined,
      })
      .optional(),
  })
  .strict();
export type TConnectionUpdateInput = z.infer<typeof ZConnectionUpdateInput>;

/** PUT …/secret: the secret's fields for the connection's cloud. */
export const ZConnectionSecretInput = ZSecretUpdateFields;
export type TConnectionSecretInput = z.infer<typeof ZConnectionSecretInput>;

export const ZConnectionListQuery = z.object({ cloud: ZCloud.optional() }).strict();
export type TConnectionListQuery = z.infer<typeof ZConnectionListQuery>;

const ZCloudError = z.object({
  kind: z.string(),
  code: z.string(),
  message: z.string(),
  cause: z.string(),
  fix: z.string(),
  status: z.number().int().optional(),
  object: z.string().optional(),
});

export const ZConnectionTest = z.object({
  at: z.string(),
  ok: z.boolean(),
  principal: z.string().nullable(),
  details: z.array(z.string()),
  error: ZCloudError.nullable(),
});
export type TConnectionTest = z.infer<typeof ZConnectionTest>;

export const ZConnectionAuthView = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ambient") }),
  z.object({
    kind: z.literal("secret"),
    /** Who the secret signs in as: Azure client id, AWS access key id, service-account email. */
    identity: z.string().nullable(),
    replacedAt: z.string().nullable(),
  }),
]);

export const ZCaCertificate = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
});
export type TCaCertificate = z.infer<typeof ZCaCertificate>;

export const ZConnection = z.object({
  id: z.uuid(),
  name: z.string(),
  cloud: ZCloud,
  scope: z.record(z.string(), z.unknown()),
  sandbox: z.boolean(),
  auth: ZConnectionAuthView,
  endpoints: z.record(z.string(), z.string()),
  caBundle: z.string().nullable(),
  caCertificates: z.array(ZCaCertificate),
  lastTest: ZConnectionTest.nullable(),
  targetCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TConnection = z.infer<typeof ZConnection>;

/** What a target form's select needs. */
export type TConnectionOption = {
  id: string;
  name: string;
  cloud: z.infer<typeof ZCloud>;
  sandbox: boolean;
};
