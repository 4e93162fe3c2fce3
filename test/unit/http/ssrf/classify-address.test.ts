// Every SSRF target of SECURITY.md §2.2 and issue 4 item 2, with the verdict
// the connect-time check must reach.
import { describe, expect, it } from "vitest";
import { classifyAddress } from "@/lib/http/ssrf/classify-address";

const refused: Array<[target: string, address: string, reason: string]> = [
  ["IPv4 loopback", "127.0.0.1", "a loopback address"],
  ["IPv4 loopback, end of 127/8", "127.255.255.254", "a loopback address"],
  ["RFC 1918 10/8", "10.0.0.5", "a private address (RFC 1918)"],
  ["RFC 1918 172.16/12 start", "172.16.0.1", "a private address (RFC 1918)"],
  ["RFC 1918 172.16/12 end", "172.31.255.255", "a private address (RFC 1918)"],
  ["RFC 1918 192.168/16", "192.168.1.1", "a private address (RFC 1918)"],
  ["cloud metadata (AWS, GCP, Azure IMDS)", "169.254.169.254", "a link-local address"],
  ["ECS task metadata", "169.254.170.2", "a link-local address"],
  ["Azure wireserver", "168.63.129.16", "the Azure platform address (wireserver"],
  ["CGNAT", "100.64.0.1", "a carrier-grade NAT address (100.64.0.0/10)"],
  ["Alibaba metadata (CGNAT)", "100.100.100.200", "a carrier-grade NAT address"],
  ["IPv4 multicast", "224.0.0.1", "a multicast address"],
  ["SSDP multicast", "239.255.255.250", "a multicast address"],
  ["0.0.0.0", "0.0.0.0", "an unspecified address (0.0.0.0/8)"],
  ["0.0.0.0/8", "0.1.2.3", "an unspecified address (0.0.0.0/8)"],
  ["limited broadcast", "255.255.255.255", "the broadcast address"],
  ["benchmarking 198.18/15 start", "198.18.0.1", "a reserved, documentation or benchmarking"],
  ["benchmarking 198.18/15 end", "198.19.255.255", "a reserved, documentation or benchmarking"],
  ["TEST-NET-1", "192.0.2.1", "a reserved, documentation or benchmarking"],
  ["TEST-NET-2", "198.51.100.7", "a reserved, documentation or benchmarking"],
  ["TEST-NET-3", "203.0.113.9", "a reserved, documentation or benchmarking"],
  ["Oracle metadata (192.0.0/24)", "192.0.0.192", "a reserved, documentation or benchmarking"],
  ["class E", "240.0.0.1", "a reserved, documentation or benchmarking"],
  ["IPv6 loopback", "::1", "a loopback address"],
  ["IPv6 loopback in brackets", "[::1]", "a loopback address"],
  ["IPv6 unspecified", "::", "the unspecified address (::)"],
  ["ULA fc00::/7 (fc)", "fc00::1", "a unique local address (fc00::/7)"],
  ["ULA fc00::/7 (fd)", "fd00::1", "a unique local address (fc00::/7)"],
  ["AWS IMDS over IPv6", "fd00:ec2::254", "a unique local address (fc00::/7)"],
  ["IPv6 link-local", "fe80::1", "a link-local address (fe80::/10)"],
  ["IPv6 link-local with a zone", "fe80::1%eth0", "a link-local address (fe80::/10)"],
  ["IPv6 multicast", "ff02::1", "a multicast address"],
  ["IPv6 site-local", "fec0::1", "a site-local address (fec0::/10)"],
  [
    "IPv4-compatible loopback",
    "::127.0.0.1",
    "an IPv4-compatible IPv6 address (::/96, embedding 127.0.0.1)",
  ],
  [
    "IPv4-compatible in hextets",
    "::7f00:1",
    "an IPv4-compatible IPv6 address (::/96, embedding 127.0.0.1)",
  ],
  [
    "IPv4-compatible metadata",
    "::a9fe:a9fe",
    "IPv4-compatible IPv6 address (::/96, embedding 169.254.169.254)",
  ],
  ["IPv4-compatible, even of a public address", "::8.8.8.8", "an IPv4-compatible IPv6 address"],
  [
    "IPv4-mapped loopback",
    "::ffff:127.0.0.1",
    "an IPv4-mapped address embedding 127.0.0.1, a loopback address",
  ],
  [
    "IPv4-mapped loopback in hextets",
    "::ffff:7f00:1",
    "an IPv4-mapped address embedding 127.0.0.1",
  ],
  ["IPv4-mapped metadata", "::ffff:a9fe:a9fe", "embedding 169.254.169.254, a link-local address"],
  ["IPv4-mapped RFC 1918", "::ffff:10.0.0.5", "embedding 10.0.0.5, a private address (RFC 1918)"],
  [
    "IPv4-mapped Azure wireserver",
    "::ffff:168.63.129.16",
    "embedding 168.63.129.16, the Azure platform",
  ],
  ["IPv4-translated", "::ffff:0:7f00:1", "an IPv4-translated address"],
  [
    "NAT64 of metadata",
    "64:ff9b::a9fe:a9fe",
    "a NAT64 address embedding 169.254.169.254, a link-local",
  ],
  [
    "NAT64 of RFC 1918",
    "64:ff9b::10.0.0.5",
    "a NAT64 address embedding 10.0.0.5, a private address",
  ],
  [
    "NAT64 of loopback",
    "64:ff9b::7f00:1",
    "a NAT64 address embedding 127.0.0.1, a loopback address",
  ],
  ["local-use NAT64", "64:ff9b:1::a9fe:a9fe", "a local-use NAT64 address (64:ff9b:1::/48)"],
  [
    "6to4 of metadata",
    "2002:a9fe:a9fe::1",
    "a 6to4 tunnel address (2002::/16, embedding 169.254.169.254)",
  ],
  [
    "6to4 of RFC 1918",
    "2002:0a00:0005::1",
    "a 6to4 tunnel address (2002::/16, embedding 10.0.0.5)",
  ],
  ["6to4, even of a public address", "2002:0808:0808::1", "a 6to4 tunnel address"],
  ["Teredo", "2001::1", "a Teredo tunnel address (2001::/32)"],
  ["Teredo, realistic", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "a Teredo tunnel address"],
  ["IPv6 documentation", "2001:db8::1", "a reserved or documentation address"],
  ["IPv6 documentation (RFC 9637)", "3fff::1", "a reserved or documentation address"],
  ["IPv6 benchmarking", "2001:2::1", "a benchmarking address (2001:2::/48)"],
  ["IPv6 discard", "100::1", "a special-purpose address (discard)"],
  ["a host name", "localhost", "not an IP address"],
  // The classifier judges canonical addresses only; the URL parser turns
  // these spellings into 127.0.0.1 first (see target-policy.test.ts).
  ["short form", "127.1", "not an IP address"],
  ["hex form", "0x7f.1", "not an IP address"],
  ["decimal form", "2130706433", "not an IP address"],
  ["octal form", "0177.0.0.1", "not an IP address"],
  ["empty", "", "not an IP address"],
];

const allowed: Array<[target: string, address: string]> = [
  ["public IPv4", "93.184.216.34"],
  ["public resolver", "8.8.8.8"],
  ["just outside 172.16/12", "172.32.0.1"],
  ["just outside CGNAT", "100.128.0.1"],
  ["next to the Azure wireserver", "168.63.129.17"],
  ["public IPv6", "2606:4700:4700::1111"],
  ["public IPv6 in brackets", "[2001:4860:4860::8888]"],
  ["IPv4-mapped public address", "::ffff:8.8.8.8"],
  ["NAT64 of a public address (IPv6-only hosts with DNS64)", "64:ff9b::808:808"],
];

describe("classifyAddress", () => {
  it.each(refused)("refuses %s (%s)", (_target, address, reason) => {
    const verdict = classifyAddress(address);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed ? "" : verdict.reason).toContain(reason);
  });

  it.each(allowed)("allows %s (%s)", (_target, address) => {
    expect(classifyAddress(address)).toEqual({ allowed: true });
  });
});
