import { randomUUID } from "node:crypto";

// A caller-supplied id is kept only when it looks like one we would issue, so
// that logs and problem documents cannot be injected through it.
const acceptable = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && acceptable.test(given) ? given : randomUUID();
}
