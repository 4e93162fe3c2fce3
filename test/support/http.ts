// Calls a route handler the way Next.js does: a Request plus a context whose
// params is a promise. Every problem+json answer is also held to plain words
// (no internal file or field path in its title, detail or reasons).
import { assertPlainWords, problemTexts } from "@/test/support/plain-words";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export type CallOptions = {
  method?: string;
  path: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as-is. */
  body?: unknown;
  token?: string;
  cookie?: string;
};

export async function call(handler: Handler, options: CallOptions): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.cookie) headers.set("cookie", options.cookie);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new Request(`http://localhost:3000${options.path}`, {
    method: options.method ?? "GET",
    headers,
    body,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  if (response.headers.get("content-type")?.startsWith("application/problem+json")) {
    const problem = (await response.clone().json()) as Parameters<typeof problemTexts>[0];
    assertPlainWords(problemTexts(problem), `${request.method} ${options.path} problem`);
  }
  return response;
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId: string;
  invalid_params?: { name: string; reason: string }[];
};

export async function problemOf(response: Response): Promise<Problem> {
  if (!response.headers.get("content-type")?.startsWith("application/problem+json")) {
    throw new Error(
      `expected problem+json, got ${response.status} ${response.headers.get("content-type")}`,
    );
  }
  return (await response.json()) as Problem;
}
