import { publicOrigin } from "@/lib/env";
import { openApiDocument } from "@/lib/http/openapi-document";
import { jsonResponse } from "@/lib/http/problem";
import { requestIdFrom } from "@/lib/http/request-id";

// Public on purpose: the document describes the API, it holds no data.
export function GET(request: Request): Response {
  return jsonResponse(openApiDocument(`${publicOrigin()}/api/v1`), requestIdFrom(request.headers));
}
