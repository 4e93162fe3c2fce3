import { describe, expect, it } from "vitest";
import {
  oidcProviderArn,
  oidcProviderKey,
  roleArn,
  ZAwsAccountId,
  ZClientIdList,
  ZIamPath,
  ZIamRoleName,
  ZOidcProviderUrl,
  ZThumbprintList,
} from "@/lib/clouds/aws/ids";
import { issuesOf, parseOk } from "../../schemas/zod-issues";

const github = "https://token.actions.githubusercontent.com";
const eks = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";

describe("ZAwsAccountId", () => {
  it.each([
    ["twelve digits", "123456789012"],
    ["twelve digits with spaces around", " 123456789012\n"],
  ])("accepts %s", (_label, input) => {
    expect(parseOk(ZAwsAccountId, input)).toBe("123456789012");
  });

  it.each([
    ["an empty string", "", "is required"],
    [
      "the console's dashed form",
      "1234-5678-9012",
      "must be a 12-digit AWS account id, without dashes",
    ],
    ["eleven digits", "12345678901", "must be a 12-digit AWS account id, without dashes"],
    ["an alias", "contoso-prod", "must be a 12-digit AWS account id, without dashes"],
  ])("rejects %s", (_label, input, message) => {
    expect(issuesOf(ZAwsAccountId, input)).toEqual([{ path: "", message }]);
  });
});

describe("ZIamRoleName", () => {
  it.each([["github-deploy"], ["a+=,.@_-b"], ["r".repeat(64)]])("accepts %j", (name) => {
    expect(parseOk(ZIamRoleName, name)).toBe(name);
  });

  it.each([
    ["an empty string", "", "is required"],
    ["65 characters", "r".repeat(65), "must be at most 64 characters"],
    ["a space", "github deploy", "may contain only letters, digits and + = , . @ _ -"],
    [
      "a slash (paths are separate)",
      "ci/deploy",
      "may contain only letters, digits and + = , . @ _ -",
    ],
  ])("rejects %s", (_label, input, message) => {
    expect(issuesOf(ZIamRoleName, input)).toEqual([{ path: "", message }]);
  });
});

describe("ZIamPath", () => {
  it.each([["/"], ["/ci/"], ["/ci/github/"], [`/${"p".repeat(510)}/`]])("accepts %j", (path) => {
    expect(parseOk(ZIamPath, path)).toBe(path);
  });

  it.each([
    ["no leading slash", "ci/", "must be / or start and end with /, such as /ci/"],
    ["no trailing slash", "/ci", "must be / or start and end with /, such as /ci/"],
    ["an empty string", "", "must be / or start and end with /, such as /ci/"],
    ["a space", "/c i/", "may contain only printable ASCII, without spaces"],
    ["non-ASCII", "/é/", "may contain only printable ASCII, without spaces"],
    ["513 characters", `/${"p".repeat(511)}/`, "must be at most 512 characters"],
  ])("rejects %s", (_label, input, message) => {
    expect(issuesOf(ZIamPath, input)).toEqual([{ path: "", message }]);
  });
});

describe("roleArn", () => {
  it.each([
    ["/", "arn:aws:iam::123456789012:role/deploy"],
    ["/ci/github/", "arn:aws:iam::123456789012:role/ci/github/deploy"],
  ])("puts path %j between role and the name", (path, arn) => {
    expect(roleArn("123456789012", path, "deploy")).toBe(arn);
  });
});

describe("oidcProviderKey and oidcProviderArn", () => {
  it.each([
    ["GitHub", github, "token.actions.githubusercontent.com"],
    ["an EKS cluster", eks, eks.slice("https://".length)],
    [
      "a GHEC enterprise issuer",
      `${github}/contoso`,
      "token.actions.githubusercontent.com/contoso",
    ],
    // CLOUDS.md 2.1: `auth-dev.mozilla.auth0.com/:aud` keeps the slash.
    [
      "a URL registered with a trailing slash",
      "https://auth-dev.mozilla.auth0.com/",
      "auth-dev.mozilla.auth0.com/",
    ],
  ])("derive the key and ARN of %s (CLOUDS.md 2.1)", (_label, url, key) => {
    expect(oidcProviderKey(url)).toBe(key);
    expect(oidcProviderArn("123456789012", url)).toBe(
      `arn:aws:iam::123456789012:oidc-provider/${key}`,
    );
  });
});

describe("ZOidcProviderUrl", () => {
  const longest = `https://issuer.example.com/${"a".repeat(255 - "https://issuer.example.com/".length)}`;

  it.each([
    ["GitHub", github],
    ["an EKS issuer", eks],
    ["a trailing slash", "https://auth-dev.mozilla.auth0.com/"],
    ["exactly 255 characters", longest],
  ])("accepts %s unchanged", (_label, url) => {
    expect(parseOk(ZOidcProviderUrl, url)).toBe(url);
  });

  it.each([
    ["an empty string", "", "is required"],
    ["http", "http://issuer.example.com", "must start with https://"],
    ["an upper-case scheme", "HTTPS://issuer.example.com", "must start with https://"],
    ["a bare host", "issuer.example.com", "must start with https://"],
    [
      "a query",
      "https://issuer.example.com/?tenant=1",
      "must not have a query string: IAM refuses it",
    ],
    ["a port", "https://issuer.example.com:8443/realms/x", "must not have a port: IAM refuses it"],
    ["the default port", "https://issuer.example.com:443", "must not have a port: IAM refuses it"],
    ["a fragment", "https://issuer.example.com/#x", "must not have a fragment"],
    ["credentials", "https://user@issuer.example.com", "must not contain credentials"],
    ["a space", "https://issuer.example.com/a b", "must not contain spaces or line breaks"],
    [
      "nothing after the scheme",
      "https://",
      "must be an absolute URL such as https://token.actions.githubusercontent.com",
    ],
    ["256 characters", `${longest}a`, "must be at most 255 characters"],
  ])("rejects %s", (_label, input, message) => {
    expect(issuesOf(ZOidcProviderUrl, input)).toEqual([{ path: "", message }]);
  });
});

describe("ZClientIdList", () => {
  it.each([
    ["the AWS action's audience", ["sts.amazonaws.com"]],
    ["100 client ids", Array.from({ length: 100 }, (_, index) => `client-${index}`)],
    ["a 255-character id", ["c".repeat(255)]],
  ])("accepts %s", (_label, list) => {
    expect(parseOk(ZClientIdList, list)).toEqual(list);
  });

  it.each([
    [
      "an empty list",
      [],
      "",
      "add at least one client id: STS rejects tokens whose aud is not listed",
    ],
    [
      "101 client ids",
      Array.from({ length: 101 }, (_, index) => `c${index}`),
      "",
      "a provider holds at most 100 client ids",
    ],
    ["a bare string", "sts.amazonaws.com", "", "must be a list of client ids"],
    ["an empty id", ["sts.amazonaws.com", ""], "1", "is required"],
    ["a 256-character id", ["c".repeat(256)], "0", "must be at most 255 characters"],
  ])("rejects %s", (_label, input, path, message) => {
    expect(issuesOf(ZClientIdList, input)).toEqual([{ path, message }]);
  });
});

describe("ZThumbprintList", () => {
  const thumbprint = "6938fd4d98bab03faadb97b34396831e3780aea1";

  it("accepts no thumbprints, which IAM now allows (CLOUDS.md 2.1)", () => {
    expect(parseOk(ZThumbprintList, [])).toEqual([]);
  });

  it("stores thumbprints in lower case", () => {
    expect(parseOk(ZThumbprintList, [thumbprint.toUpperCase()])).toEqual([thumbprint]);
  });

  it.each([
    ["six thumbprints", Array(6).fill(thumbprint), "", "a provider holds at most 5 thumbprints"],
    ["a short thumbprint", ["6938fd4d"], "0", "must be a SHA-1 thumbprint: 40 hexadecimal digits"],
    [
      "a colon-separated thumbprint",
      ["69:38:fd:4d:98:ba:b0:3f:aa:db:97:b3:43:96:83:1e:37:80:ae:a1"],
      "0",
      "must be a SHA-1 thumbprint: 40 hexadecimal digits",
    ],
  ])("rejects %s", (_label, input, path, message) => {
    expect(issuesOf(ZThumbprintList, input)).toEqual([{ path, message }]);
  });
});
