import "server-only";
import type { z } from "zod";
import { parseCaBundle } from "@/lib/connections/ca-bundle";
import { assertEndpointsAllowed } from "@/lib/connections/endpoint-policy";
import type { ConnectionEndpoints } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { AppError } from "@/lib/errors";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { connectionEndpointSchemas, connectionScopeSchemas } from "@/lib/schemas/connection";

// One source of truth for what a connection may hold, applied when it is
// saved and again when it is opened for an adapter: the scope's ids are
// checked against their formats before any of them enters a URL, endpoints
// against the allow-list, the CA bundle certificate by certificate.

function parseAt(schema: z.ZodType, value: unknown, prefix: string): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError("validation_failed", {
    message: "The connection's settings are invalid.",
    invalidParams: invalidParamsFrom(parsed.error).map((param) => ({
      ...param,
      name: param.name === "(body)" ? prefix : `${prefix}.${param.name}`,
    })),
  });
}

export function parseConnectionScope(cloud: Cloud, scope: unknown): object {
  return parseAt(connectionScopeSchemas[cloud], scope, "scope") as object;
}

/** Only the overrides of the connection's cloud, each allowed by the endpoint policy. */
export function parseConnectionEndpoints(cloud: Cloud, endpoints: unknown): ConnectionEndpoints {
  const parsed = parseAt(connectionEndpointSchemas[cloud], endpoints ?? {}, "endpoints") as object;
  const present = Object.fromEntries(
    Object.entries(parsed).filter(([, url]) => url !== undefined),
  ) as Record<string, string>;
  assertEndpointsAllowed(present, "endpoints.");
  return present;
}

export function parseConnectionCaBundle(caBundle: string | null | undefined): string | null {
  return caBundle ? parseCaBundle(caBundle).pem : null;
}

export type PreparedSettings = {
  scope: object;
  endpoints: ConnectionEndpoints;
  caBundle: string | null;
};

export function prepareConnectionSettings(
  cloud: Cloud,
  input: { scope: unknown; endpoints: unknown; caBundle?: string | null },
): PreparedSettings {
  return {
    scope: parseConnectionScope(cloud, input.scope),
    endpoints: parseConnectionEndpoints(cloud, input.endpoints),
    caBundle: parseConnectionCaBundle(input.caBundle),
  };
}
