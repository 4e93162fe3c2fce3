import { describe, expect, it } from "vitest";
import {
  type AllowList,
  isAddressAllowed,
  isHostAllowed,
  parseAllowList,
} from "@/lib/http/ssrf/allow-list";

function allowListOf(entries: string[]): AllowList {
  const parsed = parseAllowList(entries);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.allowList;
}

describe("parseAllowList", () => {
  it.each([
    ["a host name", "issuer.corp.example"],
    ["a host and port", "issuer.corp.example:8443"],
    ["an IPv4 literal", "127.0.0.1"],
    ["an IPv4 literal and port", "127.0.0.1:8080"],
    ["a bare IPv6 literal", "::1"],
    ["a bracketed IPv6 literal", "[::1]"],
    ["a bracketed IPv6 literal and port", "[fd00::1]:8443"],
    ["an IPv4 CIDR", "127.0.0.0/8"],
    ["an IPv6 CIDR", "::1/128"],
  ])("accepts %s (%s)", (_name, entry) => {
    expect(parseAllowList([entry]).ok).toBe(true);
  });

  it.each([
    ["a CIDR with a bad prefix", "10.0.0.0/33"],
    ["a CIDR of a name", "example.com/24"],
    ["port 0", "example.com:0"],
    ["a port past 65535", "example.com:65536"],
    ["a non-numeric port", "example.com:https"],
    ["userinfo", "user@example.com"],
    ["a path", "example.com/path"],
    ["a URL", "https://example.com"],
    ["a bracketed non-address", "[example]"],
  ])("refuses %s (%s) and names the variable and the entry", (_name, entry) => {
    const parsed = parseAllowList(["good.example", entry]);
    expect(parsed).toEqual({
      ok: false,
      error: `FEDLENS_ALLOWED_ISSUER_HOSTS has an entry that is not a host, host:port or CIDR: "${entry}"`,
    });
  });
});

describe("isHostAllowed", () => {
  it.each([
    ["a host entry, any port", ["issuer.corp"], "http://issuer.corp:8080/x", true],
    ["a host entry, default port", ["issuer.corp"], "https://issuer.corp/x", true],
    ["a host entry regardless of case", ["Issuer.CORP"], "https://issuer.corp/x", true],
    ["a host:port entry on its port", ["issuer.corp:8443"], "https://issuer.corp:8443/", true],
    ["a host:port entry on another port", ["issuer.corp:8443"], "https://issuer.corp:9443/", false],
    ["a host:443 entry on https's default port", ["issuer.corp:443"], "https://issuer.corp/", true],
    ["a host:80 entry on http's default port", ["issuer.corp:80"], "http://issuer.corp/", true],
    ["another host", ["issuer.corp"], "https://evil.example/", false],
    ["a subdomain of an entry", ["corp"], "https://issuer.corp/", false],
    ["an IPv4 entry in short form", ["127.1"], "http://127.0.0.1:3000/", true],
    ["an IPv6 entry", ["::1"], "http://[::1]:3000/", true],
    ["a bracketed IPv6 entry with a port", ["[::1]:3000"], "http://[::1]:3000/", true],
  ])("%s", (_name, entries, url, expected) => {
    expect(isHostAllowed(allowListOf(entries), new URL(url))).toBe(expected);
  });
});

describe("isAddressAllowed", () => {
  it.each([
    ["inside an IPv4 CIDR", ["127.0.0.0/8"], "127.0.0.5", true],
    ["outside an IPv4 CIDR", ["127.0.0.0/8"], "10.0.0.5", false],
    ["inside an IPv6 CIDR", ["::1/128"], "::1", true],
    ["an IPv4-mapped answer inside an IPv4 CIDR", ["10.0.0.0/8"], "::ffff:10.0.0.5", true],
    ["the address of a bare IPv4 entry", ["127.0.0.1"], "127.0.0.1", true],
    ["the address of a bare IPv6 entry", ["[::1]"], "::1", true],
    ["not the address of an IP entry with a port", ["127.0.0.1:3000"], "127.0.0.1", false],
    ["a host-name entry never matches an address", ["localhost"], "127.0.0.1", false],
    ["an empty list", [], "127.0.0.1", false],
    ["not an address", ["127.0.0.0/8"], "localhost", false],
  ])("%s", (_name, entries, address, expected) => {
    expect(isAddressAllowed(allowListOf(entries), address)).toBe(expected);
  });
});
