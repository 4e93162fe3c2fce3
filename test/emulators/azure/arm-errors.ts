import type { IncomingMessage, ServerResponse } from "node:http";

// ARM's common error envelope `{ error: { code, message } }`.
// https://github.com/Azure/azure-rest-api-specs/blob/main/specification/common-types/resource-management/v5/types.json (ErrorResponse)
export type ArmError = {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
};

export function armError(status: number, code: string, message: string): ArmError {
  return { status, code, message };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { "content-type": "application/json; charset=utf-8" } : {}),
    "x-ms-request-id": crypto.randomUUID(),
    ...headers,
  });
  res.end(text);
}

export function sendArmError(res: ServerResponse, error: ArmError) {
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message } },
    error.headers,
  );
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as unknown) : undefined;
}
