import "server-only";
import { z } from "zod";
import { parseStoredSecret, secretIdentity } from "@/lib/connections/connection-secret";
import { assertEndpointsAllowed } from "@/lib/connections/endpoint-policy";
import { cloudLabels } from "@/lib/clouds/registry";
import type { Cloud } from "@/lib/clouds/types";
import { AppError } from "@/lib/errors";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { secretFields, type TGcpSecret, type TSecretInput } from "@/lib/schemas/connection-auth";
import type { TConnectionSecretInput } from "@/lib/schemas/connection";

// The secret fields posted for a connection, read with its cloud's schema.
// Azure's client id may be left out when one is stored (replacing only the
// client secret); every secret value itself must be given.

function fail(params: { name: string; reason: string }[]): AppError {
  return new AppError("validation_failed", {
    message: "The secret's fields are invalid.",
    invalidParams: params,
  });
}

export function resolveSecretInput(
  cloud: Cloud,
  fields: TConnectionSecretInput,
  { stored, prefix }: { stored: unknown; prefix: string },
): TSecretInput {
  const allowed = Object.keys(secretFields[cloud]);
  const foreign = Object.keys(fields).filter(
    (key) =>
      key !== "kind" && !allowed.includes(key) && fields[key as keyof typeof fields] !== undefined,
  );
  if (foreign.length) {
    throw fail(
      foreign.map((key) => ({
        name: `${prefix}${key}`,
        reason: `is not used by connections to ${cloudLabels[cloud]}`,
      })),
    );
  }
  const values: Record<string, unknown> = Object.fromEntries(
    allowed.map((key) => [key, fields[key as keyof typeof fields]]),
  );
  if (cloud === "azure" && !values.clientId && stored) {
    values.clientId = secretIdentity(cloud, parseStoredSecret(cloud, stored));
  }
  const schema: z.ZodType = z.object(secretFields[cloud]);
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw fail(
      invalidParamsFrom(parsed.error).map((param) => ({
        ...param,
        name: `${prefix}${param.name}`,
      })),
    );
  }
  assertSecretEndpointsAllowed(cloud, parsed.data as TSecretInput, prefix);
  return parsed.data as TSecretInput;
}

/** A service-account key's token_uri is where its signed assertion goes: the endpoint policy applies. */
export function assertSecretEndpointsAllowed(cloud: Cloud, secret: TSecretInput, prefix: string) {
  if (cloud !== "gcp") return;
  const key = (secret as TGcpSecret).serviceAccountKey;
  assertEndpointsAllowed({ serviceAccountKey: key.tokenUri }, prefix);
}

/** Whether the posted fields carry a new secret value (else: keep the stored one). */
export function hasSecretValue(cloud: Cloud, fields: TConnectionSecretInput): boolean {
  const value = {
    azure: fields.clientSecret,
    aws: fields.secretAccessKey,
    gcp: fields.serviceAccountKey,
  }[cloud];
  return value !== undefined && value !== "";
}
