// Decides whether Fedlens may open a connection to an IP address when it
// fetches an issuer's discovery document or JWKS (SECURITY.md §2.2). An
// allow-list, not a deny-list: only what ipaddr.js calls public unicast passes,
// minus the addresses ipaddr.js also calls unicast but which reach the host's
// own platform (SECURITY.md §2.2 [lab]).
import ipaddr from "ipaddr.js";

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

const AZURE_WIRESERVER = "168.63.129.16";

// ipaddr.js range names → the operator's words. Ranges not listed here are
// special-purpose blocks (AMT, AS112, ORCHID, segment routing, discard…).
const ipv4Reasons: Record<string, string> = {
  unspecified: "an unspecified address (0.0.0.0/8)",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address (169.254.0.0/16, where cloud metadata services live)",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address (100.64.0.0/10)",
  private: "a private address (RFC 1918)",
  reserved: "a reserved, documentation or benchmarking address",
};

const ipv6Reasons: Record<string, string> = {
  unspecified: "the unspecified address (::)",
  loopback: "a loopback address",
  linkLocal: "a link-local address (fe80::/10)",
  uniqueLocal: "a unique local address (fc00::/7)",
  multicast: "a multicast address",
  deprecatedSiteLocal: "a site-local address (fec0::/10)",
  reserved: "a reserved or documentation address",
  benchmarking: "a benchmarking address (2001:2::/48)",
  rfc6145: "an IPv4-translated address (::ffff:0:0:0/96)",
  teredo: "a Teredo tunnel address (2001::/32)",
};

const refuse = (reason: string): AddressVerdict => ({ allowed: false, reason });

function classifyIPv4(address: ipaddr.IPv4): AddressVerdict {
  const range = address.range();
  if (range === "unicast") {
    // Azure's wireserver answers on every Azure VM and serves platform
    // secrets; ipaddr.js calls it unicast (SECURITY.md §2.2).
    if (address.toString() === AZURE_WIRESERVER) {
      return refuse("the Azure platform address (wireserver, 168.63.129.16)");
    }
    return { allowed: true };
  }
  return refuse(ipv4Reasons[range] ?? `a special-purpose address (${range})`);
}

// The IPv4 address held in bytes [offset, offset + 4) of an IPv6 address.
function embeddedIPv4(address: ipaddr.IPv6, offset: number): ipaddr.IPv4 {
  return new ipaddr.IPv4(address.toByteArray().slice(offset, offset + 4));
}

function describeEmbedded(kind: string, inner: ipaddr.IPv4): AddressVerdict {
  const verdict = classifyIPv4(inner);
  if (verdict.allowed) return verdict;
  return refuse(`${kind} embedding ${inner.toString()}, ${verdict.reason}`);
}

function classifyIPv6(address: ipaddr.IPv6): AddressVerdict {
  const range = address.range();
  if (range === "ipv4Mapped") {
    // ::ffff:a.b.c.d connects to a.b.c.d over IPv4: judge that address.
    return describeEmbedded("an IPv4-mapped address", address.toIPv4Address());
  }
  if (range === "rfc6052") {
    // NAT64 (RFC 6052): on an IPv6-only host DNS64 maps every IPv4-only
    // issuer into 64:ff9b::/96, so judge the embedded address. The local-use
    // prefix 64:ff9b:1::/48 (RFC 8215) embeds it at a site-chosen offset.
    const [first, second, third] = address.parts;
    if (first === 0x64 && second === 0xff9b && third === 0) {
      return describeEmbedded("a NAT64 address", embeddedIPv4(address, 12));
    }
    return refuse("a local-use NAT64 address (64:ff9b:1::/48)");
  }
  if (range === "6to4") {
    // 6to4 (RFC 3056, deprecated by RFC 7526) tunnels to the IPv4 address in
    // bytes 2–5 through relays the server does not control: never public.
    const inner = embeddedIPv4(address, 2).toString();
    return refuse(`a 6to4 tunnel address (2002::/16, embedding ${inner})`);
  }
  if (range === "unicast") {
    // IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1, deprecated): ipaddr.js
    // calls it unicast, and some stacks route it to a.b.c.d (SECURITY.md §2.2).
    if (address.parts.slice(0, 6).every((part) => part === 0)) {
      const inner = embeddedIPv4(address, 12).toString();
      return refuse(`an IPv4-compatible IPv6 address (::/96, embedding ${inner})`);
    }
    return { allowed: true };
  }
  return refuse(ipv6Reasons[range] ?? `a special-purpose address (${range})`);
}

/**
 * Parses an address as a resolver returns it or a URL spells it (IPv6 with or
 * without brackets, with or without a zone); undefined when it is not one.
 * Only canonical IPv4: URL parsing and resolvers never produce `127.1` or
 * `0x7f.1`. IPv6 goes through the WHATWG parser first because ipaddr.js reads
 * the IPv4-compatible `::127.0.0.1` as the IPv4-mapped `::ffff:127.0.0.1`,
 * and Node's resolver (libuv inet_ntop) prints IPv4-compatible answers that way.
 */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // A zone (`%eth0`) never changes which range an address is in.
  const bare = text.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (!bare.includes(":")) return undefined;
  let canonical: string;
  try {
    canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  return ipaddr.IPv6.isValid(canonical) ? ipaddr.IPv6.parse(canonical) : undefined;
}

/** Whether Fedlens may connect to this address (see parseAddress for the forms). */
export function classifyAddress(address: string): AddressVerdict {
  const parsed = parseAddress(address);
  if (!parsed) return refuse("not an IP address");
  return parsed.kind() === "ipv4"
    ? classifyIPv4(parsed as ipaddr.IPv4)
    : classifyIPv6(parsed as ipaddr.IPv6);
}
