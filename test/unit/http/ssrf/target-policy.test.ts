// What a URL alone decides, before any socket: scheme, port, userinfo and IP
// literals in every spelling the WHATWG URL parser accepts (SECURITY.md §2.2).
import { describe, expect, it } from "vitest";
import { type AllowList, parseAllowList } from "@/lib/http/ssrf/allow-list";
import { planTarget, refuseAddress } from "@/lib/http/ssrf/target-policy";

function allowListOf(entries: string[]): AllowList {
  const parsed = parseAllowList(entries);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.allowList;
}

const none = allowListOf([]);
const hint = "add it to FEDLENS_ALLOWED_ISSUER_HOSTS to allow it";

function refusalOf(url: string, allowList = none): string {
  const planned = planTarget(url, allowList);
  return planned.ok ? "(planned)" : planned.error;
}

describe("planTarget with an empty allow-list", () => {
  it.each([
    ["decimal", "https://2130706433/jwks", "127.0.0.1", "a loopback address"],
    ["octal", "https://0177.0.0.1/jwks", "127.0.0.1", "a loopback address"],
    ["whole-number octal", "https://017700000001/jwks", "127.0.0.1", "a loopback address"],
    ["hex, two parts", "https://0x7f.1/jwks", "127.0.0.1", "a loopback address"],
    ["hex, one part", "https://0x7f000001/jwks", "127.0.0.1", "a loopback address"],
    ["hex, four parts", "https://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254", "a link-local address"],
    ["short form", "https://127.1/jwks", "127.0.0.1", "a loopback address"],
    ["full-width digits", "https://①②⑦.0.0.1/", "127.0.0.1", "a loopback address"],
    ["ideographic dots", "https://127。0。0。1/", "127.0.0.1", "a loopback address"],
    ["trailing dot", "https://127.0.0.1./", "127.0.0.1", "a loopback address"],
    ["zero", "https://0/", "0.0.0.0", "an unspecified address"],
    ["decimal RFC 1918", "https://3232235777/", "192.168.1.1", "a private address (RFC 1918)"],
    ["metadata", "https://169.254.169.254/latest/", "169.254.169.254", "a link-local address"],
    ["Azure wireserver", "https://168.63.129.16/", "168.63.129.16", "the Azure platform address"],
    ["IPv6 loopback", "https://[::1]/", "::1", "a loopback address"],
    ["IPv6 unspecified", "https://[::]/", "::", "the unspecified address"],
    ["IPv4-mapped", "https://[::ffff:127.0.0.1]/", "::ffff:7f00:1", "an IPv4-mapped address"],
    [
      "IPv4-mapped, long form",
      "https://[0:0:0:0:0:ffff:a9fe:a9fe]/",
      "::ffff:a9fe:a9fe",
      "169.254",
    ],
    ["IPv4-compatible", "https://[::127.0.0.1]/", "::7f00:1", "an IPv4-compatible IPv6 address"],
    [
      "NAT64",
      "https://[64:ff9b::10.0.0.5]/",
      "64:ff9b::a00:5",
      "a NAT64 address embedding 10.0.0.5",
    ],
    ["6to4", "https://[2002:a9fe:a9fe::1]/", "2002:a9fe:a9fe::1", "a 6to4 tunnel address"],
    ["ULA", "https://[fd00:ec2::254]/", "fd00:ec2::254", "a unique local address"],
  ])("refuses the %s literal %s", (_name, url, address, reason) => {
    const error = refusalOf(url);
    expect(error.startsWith(`refused: ${address} is `)).toBe(true);
    expect(error).toContain(reason);
    expect(error.endsWith(`; ${hint}`)).toBe(true);
  });

  it("reads `#@127.0.0.1` as a fragment, so the host is the name before it", () => {
    const planned = planTarget("https://issuer.example#@127.0.0.1/", none);
    expect(planned.ok && planned.target.host).toBe("issuer.example");
  });

  it.each([
    ["http", "http://issuer.example/", "refused: http is not https; add issuer.example to"],
    [
      "another port",
      "https://issuer.example:8443/",
      "refused: port 8443 is not 443; add issuer.example:8443 to",
    ],
    ["data:", "data:application/json,{}", "refused: only https URLs are fetched, not data:"],
    ["file:", "file:///etc/passwd", "refused: only https URLs are fetched, not file:"],
    ["ftp:", "ftp://issuer.example/", "refused: only https URLs are fetched, not ftp:"],
    [
      "userinfo",
      "https://user:pass@issuer.example/",
      "refused: the URL carries a user name or password",
    ],
    [
      "userinfo before a literal",
      "https://user:pass@evil@127.0.0.1/",
      "refused: the URL carries a user name",
    ],
    [
      "a user name alone",
      "https://user@issuer.example/",
      "refused: the URL carries a user name or password",
    ],
    ["not a URL", "issuer.example/jwks", "refused: not a valid URL"],
    ["an IPv6 zone", "https://[fe80::1%25eth0]/", "refused: not a valid URL"],
  ])("refuses %s (%s)", (_name, url, error) => {
    expect(refusalOf(url)).toContain(error);
  });

  it("plans a public https URL on 443 and drops its fragment", () => {
    const planned = planTarget("https://Issuer.Example:443/jwks?x=1#frag", none);
    expect(planned.ok && planned.target).toMatchObject({
      host: "issuer.example",
      isHostAllowed: false,
      needsAllowedAddress: false,
    });
    expect(planned.ok && planned.target.url.href).toBe("https://issuer.example/jwks?x=1");
  });

  it("allows a public IPv4 literal", () => {
    expect(planTarget("https://93.184.216.34/jwks", none).ok).toBe(true);
  });
});

describe("planTarget with an allow-list", () => {
  it.each([
    ["a loopback literal listed as a host", ["127.0.0.1"], "http://127.0.0.1:5555/"],
    ["a loopback literal inside a CIDR", ["127.0.0.0/8"], "http://127.0.0.2:5555/"],
    ["a loopback literal with its port", ["127.0.0.1:5555"], "http://127.0.0.1:5555/"],
    ["an IPv6 loopback inside a CIDR", ["::1/128"], "http://[::1]:5555/"],
    ["a private name listed as a host", ["issuer.corp"], "http://issuer.corp:8080/"],
    ["an https port listed with the host", ["issuer.example:8443"], "https://issuer.example:8443/"],
    ["a name that may resolve into a CIDR", ["10.0.0.0/8"], "http://issuer.corp:8080/"],
  ])("plans %s", (_name, entries, url) => {
    expect(planTarget(url, allowListOf(entries)).ok).toBe(true);
  });

  it.each([
    [
      "a listed host on another port",
      ["127.0.0.1:5555"],
      "http://127.0.0.1:6666/",
      "a loopback address",
    ],
    ["a literal outside the CIDR", ["10.0.0.0/8"], "http://127.0.0.1:5555/", "a loopback address"],
    ["a public literal over http", ["10.0.0.0/8"], "http://93.184.216.34/", "http is not https"],
  ])("still refuses %s", (_name, entries, url, reason) => {
    expect(refusalOf(url, allowListOf(entries))).toContain(reason);
  });
});

describe("refuseAddress at connect time", () => {
  const target = planTarget("https://issuer.example/jwks", none);
  if (!target.ok) throw new Error(target.error);

  it("names the host and the address it resolved to", () => {
    expect(refuseAddress(target.target, "10.0.0.5", none)).toBe(
      "refused: issuer.example resolved to 10.0.0.5, a private address (RFC 1918); add issuer.example to FEDLENS_ALLOWED_ISSUER_HOSTS to allow it",
    );
  });

  it("lets a public answer through", () => {
    expect(refuseAddress(target.target, "93.184.216.34", none)).toBeUndefined();
  });

  it("lets an allow-listed answer through", () => {
    expect(refuseAddress(target.target, "10.0.0.5", allowListOf(["10.0.0.0/8"]))).toBeUndefined();
  });

  it("refuses a public answer for http when only a CIDR is listed", () => {
    const http = planTarget("http://issuer.example/", allowListOf(["10.0.0.0/8"]));
    if (!http.ok) throw new Error(http.error);
    expect(refuseAddress(http.target, "93.184.216.34", allowListOf(["10.0.0.0/8"]))).toBe(
      "refused: http is not https; add issuer.example to FEDLENS_ALLOWED_ISSUER_HOSTS to allow it",
    );
  });
});
