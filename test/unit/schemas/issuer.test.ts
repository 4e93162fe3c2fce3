import { describe, expect, it } from "vitest";
import { issuerKinds } from "@/lib/catalog/issuer-kinds";
import { ZIssuerCreateInput, ZIssuerListQuery, ZIssuerUrl } from "@/lib/schemas/issuer";
import { issuesOf, parseOk } from "./zod-issues";

const base = "https://issuer.example.com/";
const urlOfLength = (length: number) => base + "a".repeat(length - base.length);

describe("ZIssuerUrl", () => {
  it.each([
    ["a bare host", "https://token.actions.githubusercontent.com"],
    ["a path with a trailing slash", "https://westeurope.oic.prod-aks.azure.com/t/g/"],
    ["a Keycloak realm", "https://keycloak.example.com/realms/platform"],
    ["exactly 600 characters", urlOfLength(600)],
  ])("accepts %s and keeps it byte for byte", (_label, url) => {
    expect(parseOk(ZIssuerUrl, url)).toBe(url);
  });

  it.each([
    ["http", "http://issuer.example.com", "must use https"],
    ["a space inside", "https://issuer.example.com/a b", "must not contain spaces or line breaks"],
    ["a leading space", " https://issuer.example.com", "must not contain spaces or line breaks"],
    ["a trailing space", "https://issuer.example.com ", "must not contain spaces or line breaks"],
    [
      "a trailing newline",
      "https://issuer.example.com\n",
      "must not contain spaces or line breaks",
    ],
    ["a query", "https://issuer.example.com?tenant=1", "must not have a query string"],
    ["an empty query", "https://issuer.example.com/?", "must not have a query string"],
    ["a fragment", "https://issuer.example.com#top", "must not have a fragment"],
    ["an empty fragment", "https://issuer.example.com/#", "must not have a fragment"],
    ["a user name", "https://operator@issuer.example.com", "must not contain credentials"],
    ["user and password", "https://operator:pw@issuer.example.com", "must not contain credentials"],
    ["601 characters", urlOfLength(601), "must be at most 600 characters"],
    [
      "a host without scheme",
      "issuer.example.com",
      "must be an absolute URL such as https://issuer.example.com",
    ],
    [
      "a relative path",
      "/realms/platform",
      "must be an absolute URL such as https://issuer.example.com",
    ],
    ["an empty string", "", "is required"],
    ["a number", 42, "is required"],
    ["null", null, "is required"],
  ])("rejects %s with exactly one operator message", (_label, input, message) => {
    expect(issuesOf(ZIssuerUrl, input)).toEqual([{ path: "", message }]);
  });

  it("reports every problem of a URL that has several", () => {
    const messages = issuesOf(ZIssuerUrl, "http://u:p@issuer.example.com/?q=1#f").map(
      (issue) => issue.message,
    );
    expect(messages).toEqual([
      "must use https",
      "must not have a query string",
      "must not have a fragment",
      "must not contain credentials",
    ]);
  });

  // The URL parser normalises these to https://host/, but the stored string is
  // what was typed: no token carries such an `iss`, and the database CHECK
  // issuer_url_https (`~ '^https://'`) refuses them, which surfaces as a 500.
  it.each([
    ["an upper-case scheme", "HTTPS://issuer.example.com"],
    ["a scheme without slashes", "https:issuer.example.com"],
    ["a scheme with one slash", "https:/issuer.example.com"],
    ["backslashes for slashes", "https:\\\\issuer.example.com"],
  ])("rejects %s, which is not literally https://", (_label, url) => {
    expect(ZIssuerUrl.safeParse(url).success).toBe(false);
  });
});

describe("ZIssuerCreateInput", () => {
  const valid = {
    name: "GitHub Actions",
    issuerUrl: "https://token.actions.githubusercontent.com",
    kind: "github-actions",
  };

  it("accepts the minimal input and trims the name", () => {
    expect(parseOk(ZIssuerCreateInput, { ...valid, name: "  GitHub Actions  " })).toEqual(valid);
  });

  it("refuses an unknown key with unrecognized_keys", () => {
    const result = ZIssuerCreateInput.safeParse({ ...valid, tenantId: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: "unrecognized_keys", keys: ["tenantId"], path: [] }),
    ]);
  });

  it.each([
    ["an empty string (a blank form field) as null", "", null],
    ["null as null", null, null],
    ["an https URL as given", "https://keys.example.com/jwks", "https://keys.example.com/jwks"],
  ])("reads jwksUri %s", (_label, jwksUri, expected) => {
    expect(parseOk(ZIssuerCreateInput, { ...valid, jwksUri }).jwksUri).toBe(expected);
  });

  it("accepts an http jwksUri, which is only ever fetched from allow-listed lab hosts", () => {
    expect(
      parseOk(ZIssuerCreateInput, { ...valid, jwksUri: "http://127.0.0.1:8080/jwks" }).jwksUri,
    ).toBe("http://127.0.0.1:8080/jwks");
  });

  it("leaves jwksUri absent when it is not sent", () => {
    expect(parseOk(ZIssuerCreateInput, valid)).not.toHaveProperty("jwksUri");
  });

  it.each([
    [
      "an ftp jwksUri",
      { jwksUri: "ftp://keys.example.com/jwks" },
      "jwksUri",
      "must be an https URL (http only for allow-listed lab hosts)",
    ],
    ["a blank name", { name: "   " }, "name", "is required"],
    ["a 121-character name", { name: "n".repeat(121) }, "name", "must be at most 120 characters"],
    [
      "a 4001-character note",
      { notes: "n".repeat(4001) },
      "notes",
      "must be at most 4000 characters",
    ],
    ["an http issuer", { issuerUrl: "http://gitlab.com" }, "issuerUrl", "must use https"],
    ["a missing issuer", { issuerUrl: undefined }, "issuerUrl", "is required"],
    ["an unknown kind", { kind: "jenkins" }, "kind", `must be one of: ${issuerKinds.join(", ")}`],
  ])("rejects %s naming the field", (_label, patch, path, message) => {
    expect(issuesOf(ZIssuerCreateInput, { ...valid, ...patch })).toEqual([{ path, message }]);
  });

  it("accepts every declared kind", () => {
    for (const kind of issuerKinds) {
      expect(ZIssuerCreateInput.safeParse({ ...valid, kind }).success, kind).toBe(true);
    }
  });
});

describe("ZIssuerListQuery", () => {
  it("defaults the page size to 25", () => {
    expect(parseOk(ZIssuerListQuery, {})).toEqual({ limit: 25 });
  });

  it.each([
    ["1", 1],
    ["100", 100],
    ["25", 25],
  ])("accepts limit=%s from a query string", (limit, expected) => {
    expect(parseOk(ZIssuerListQuery, { limit }).limit).toBe(expected);
  });

  it.each(["0", "101", "-1", "2.5", "many"])("rejects limit=%s", (limit) => {
    expect(issuesOf(ZIssuerListQuery, { limit }).map((issue) => issue.path)).toEqual(["limit"]);
  });

  it("trims the search text and accepts a known kind", () => {
    expect(parseOk(ZIssuerListQuery, { q: "  prod ", kind: "gitlab" })).toEqual({
      q: "prod",
      kind: "gitlab",
      limit: 25,
    });
  });

  it.each([
    ["a 201-character search", { q: "q".repeat(201) }, "q"],
    ["an unknown kind", { kind: "jenkins" }, "kind"],
    ["a 513-character cursor", { cursor: "c".repeat(513) }, "cursor"],
  ])("rejects %s", (_label, query, path) => {
    expect(issuesOf(ZIssuerListQuery, query).map((issue) => issue.path)).toEqual([path]);
  });

  it("refuses an unknown query parameter", () => {
    const result = ZIssuerListQuery.safeParse({ page: "2" });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: "unrecognized_keys", keys: ["page"] }),
    ]);
  });
});
