import "server-only";
import { getEnv } from "@/lib/env";
import { AppError, type InvalidParam } from "@/lib/errors";
import { isAddressAllowed, isHostAllowed, parseAllowList } from "@/lib/http/ssrf/allow-list";
import { classifyAddress, parseAddress } from "@/lib/http/ssrf/classify-address";

// Where a connection may send its calls and credentials (SECURITY.md §2):
// public https endpoints, or any host an admin listed in
// FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS (an emulator, a proxy, a private
// cloud). The same host / host:port / CIDR matching as the issuer allow-list.
// The URL's format was already checked by its schema; this is the policy.

const variable = "FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS";

function allowList() {
  const parsed = parseAllowList(getEnv().FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS, variable);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.allowList;
}

function isLocalName(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost");
}

/** Why `url` may not be used, or null when it may. */
export function endpointRefusal(raw: string): string | null {
  const url = new URL(raw);
  const list = allowList();
  const literal = parseAddress(url.hostname);
  if (isHostAllowed(list, url) || (literal && isAddressAllowed(list, url.hostname))) return null;
  const hint = `list ${url.host} in ${variable} to allow it`;
  if (url.protocol !== "https:") return `must use https (${hint})`;
  if (isLocalName(url.hostname)) return `is a local host name (${hint})`;
  if (literal) {
    const verdict = classifyAddress(url.hostname);
    if (!verdict.allowed) return `is ${verdict.reason} (${hint})`;
  }
  return null;
}

/** Throws 422 naming each refused endpoint under `prefix`. */
export function assertEndpointsAllowed(
  endpoints: Record<string, string | undefined>,
  prefix: string,
): void {
  const refused: InvalidParam[] = [];
  for (const [field, url] of Object.entries(endpoints)) {
    const reason = url === undefined ? null : endpointRefusal(url);
    if (reason) refused.push({ name: `${prefix}${field}`, reason });
  }
  if (refused.length) {
    throw new AppError("validation_failed", {
      message: "An endpoint is not allowed.",
      invalidParams: refused,
    });
  }
}
