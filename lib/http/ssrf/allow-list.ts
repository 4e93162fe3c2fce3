// The admin's exceptions to the SSRF rules: FEDLENS_ALLOWED_ISSUER_HOSTS
// (SECURITY.md §2.3; issue 4 item 2). An entry lifts every rule for what it
// names: a private or loopback address, plain http and any port.
//   host        that host name or IP literal, any port
//   host:port   that host on that port only
//   CIDR        any URL whose host is, or resolves to, an address inside it
// An IP literal entry without a port (`127.0.0.1`, `::1`, `[::1]`) counts
// both as a host and as a single-address CIDR.
import ipaddr from "ipaddr.js";
import { parseAddress } from "./classify-address";

type HostEntry = { hostname: string; port?: number };

export type AllowList = {
  hosts: HostEntry[];
  ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
};

export type ParsedAllowList = { ok: true; allowList: AllowList } | { ok: false; error: string };

export const ALLOW_LIST_VARIABLE = "FEDLENS_ALLOWED_ISSUER_HOSTS";

// The host as WHATWG URL parsing spells it, so that `127.1`, `EXAMPLE.com`
// and `[::FFFF:7f00:1]` in the list compare equal to what fetch will use.
function urlHostname(host: string): string | undefined {
  try {
    const url = new URL(`http://${host}/`);
    if (url.username || url.password || url.port || url.pathname !== "/") return undefined;
    return url.hostname;
  } catch {
    return undefined;
  }
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function parseEntry(entry: string, allowList: AllowList): boolean {
  if (entry.includes("/")) {
    if (!ipaddr.isValidCIDR(entry)) return false;
    allowList.ranges.push(ipaddr.parseCIDR(entry));
    return true;
  }
  let host = entry;
  let port: number | undefined;
  const bracketed = /^(\[[^\]]+\])(?::(.*))?$/.exec(entry);
  if (bracketed) {
    host = bracketed[1] ?? "";
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2]);
    if (bracketed[2] !== undefined && port === undefined) return false;
  } else if (ipaddr.IPv6.isValid(entry)) {
    host = `[${entry}]`;
  } else if (entry.includes(":")) {
    const colon = entry.lastIndexOf(":");
    host = entry.slice(0, colon);
    port = parsePort(entry.slice(colon + 1));
    if (port === undefined) return false;
  }
  const hostname = urlHostname(host);
  if (!hostname) return false;
  allowList.hosts.push(port === undefined ? { hostname } : { hostname, port });
  const literal = port === undefined ? parseAddress(hostname) : undefined;
  if (literal) allowList.ranges.push([literal, literal.kind() === "ipv4" ? 32 : 128]);
  return true;
}

/**
 * Parses the variable's entries; one bad entry fails the whole list, loudly.
 * `variable` names the list in that message (cloud endpoints have their own).
 */
export function parseAllowList(
  entries: readonly string[],
  variable: string = ALLOW_LIST_VARIABLE,
): ParsedAllowList {
  const allowList: AllowList = { hosts: [], ranges: [] };
  for (const entry of entries) {
    if (!parseEntry(entry.trim(), allowList)) {
      return {
        ok: false,
        error: `${variable} has an entry that is not a host, host:port or CIDR: "${entry}"`,
      };
    }
  }
  return { ok: true, allowList };
}

/** The port a URL connects to: its explicit port or its scheme's default. */
export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "http:" ? 80 : 443;
}

export function isHostAllowed(allowList: AllowList, url: URL): boolean {
  const port = effectivePort(url);
  return allowList.hosts.some(
    (entry) => entry.hostname === url.hostname && (entry.port === undefined || entry.port === port),
  );
}

export function isAddressAllowed(allowList: AllowList, address: string): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  // An IPv4-mapped answer (::ffff:a.b.c.d) reaches a.b.c.d, so an IPv4 range
  // covers it as well.
  const candidates: Array<ipaddr.IPv4 | ipaddr.IPv6> = [parsed];
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    candidates.push((parsed as ipaddr.IPv6).toIPv4Address());
  }
  return allowList.ranges.some(([range, bits]) =>
    candidates.some(
      (candidate) => candidate.kind() === range.kind() && candidate.match(range, bits),
    ),
  );
}
