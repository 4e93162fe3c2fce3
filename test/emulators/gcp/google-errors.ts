import type { IncomingMessage, ServerResponse } from "node:http";

// Google APIs answer errors as {error:{code,message,status,details}}: `code`
// the HTTP status, `status` the google.rpc.Code name.
// https://cloud.google.com/apis/design/errors#http_mapping
// https://cloud.google.com/iam/docs/reference/rest (every IAM v1 method uses it)
export type GoogleError = {
  code: number;
  status: string;
  message: string;
  details?: unknown[];
  headers?: Record<string, string>;
};

export class GoogleErrorThrown extends Error {
  constructor(readonly error: GoogleError) {
    super(error.message);
  }
}

export function googleError(
  code: number,
  status: string,
  message: string,
  details: unknown[] = [],
): GoogleError {
  return { code, status, message, details };
}

/** Throws out of a route; the server answers it. */
export function fail(code: number, status: string, message: string, details?: unknown[]): never {
  throw new GoogleErrorThrown(googleError(code, status, message, details));
}

/** google.rpc.ErrorInfo, as IAM attaches it to a denied call. https://cloud.google.com/apis/design/errors#error_info */
export function errorInfo(reason: string, domain: string, metadata: Record<string, string>) {
  return { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain, metadata };
}

/** 403 with IAM's wording: the permission, the resource, and "or it may not exist". */
export function permissionDenied(permission: string, resource: string): GoogleError {
  return googleError(
    403,
    "PERMISSION_DENIED",
    `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`,
    [errorInfo("IAM_PERMISSION_DENIED", "iam.googleapis.com", { permission })],
  );
}

/** A route for a project the caller cannot see: every call is refused with 403. */
export function deniedEverywhere(permission: string, name: string) {
  const resource = `//iam.googleapis.com/${name}`;
  return {
    permission,
    resource,
    service: "iam.googleapis.com",
    run: async (): Promise<never> => {
      throw new GoogleErrorThrown(permissionDenied(permission, resource));
    },
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
  res.end(JSON.stringify(body));
}

export function sendGoogleError(res: ServerResponse, error: GoogleError) {
  const { headers, ...body } = error;
  sendJson(res, error.code, { error: { ...body, details: body.details ?? [] } }, headers);
}

export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A JSON body, or 400 INVALID_ARGUMENT as Google answers a body it cannot parse. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readText(req);
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // answered below
  }
  return fail(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
}
