import { describe, expect, it } from "vitest";
import { describeConditionKey, isGithubProviderKey } from "@/lib/clouds/aws/condition-keys";

// CLOUDS.md 2.4: which `<provider>:<claim>` keys STS sets; IAM context key
// names are not case-sensitive.

const gh = "token.actions.githubusercontent.com";
const eks = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";
const absent =
  "the key is always absent, so the condition is false (true under a negated operator)";

describe("describeConditionKey", () => {
  it.each([
    ["GitHub's sub", `${gh}:sub`, gh, "sub", true],
    ["GitHub's aud", `${gh}:aud`, gh, "aud", true],
    [
      "a key written in other letter case",
      "Token.Actions.GitHubUserContent.com:SUB",
      gh,
      "SUB",
      true,
    ],
    ["GitHub's repository_id (Feb 2026)", `${gh}:repository_id`, gh, "repository_id", true],
    ["GitHub's environment (Feb 2026)", `${gh}:environment`, gh, "environment", true],
    [
      "a GHEC enterprise issuer's repository",
      `${gh}/contoso:repository`,
      `${gh}/contoso`,
      "repository",
      true,
    ],
    ["EKS's sub", `${eks}:sub`, eks, "sub", true],
    ["azp", `${eks}:azp`, eks, "azp", true],
    [
      "Cognito's multivalued amr",
      "cognito-identity.amazonaws.com:amr",
      "cognito-identity.amazonaws.com",
      "amr",
      false,
    ],
    ["Google's oaud", "accounts.google.com:oaud", "accounts.google.com", "oaud", true],
    [
      "a key carrying the provider's trailing slash",
      "auth-dev.mozilla.auth0.com/:aud",
      "auth-dev.mozilla.auth0.com/",
      "aud",
      true,
    ],
  ])("accepts %s", (_label, key, providerKey, suffix, singleValued) => {
    expect(describeConditionKey(key, providerKey)).toEqual({
      valid: true,
      suffix,
      singleValued,
      scope: "provider",
    });
  });

  it.each([
    ["aws:SourceIp", "SourceIp", true],
    ["AWS:sourceip", "sourceip", true],
    ["aws:RequestTag/team", "RequestTag/team", true],
    ["aws:TagKeys", "TagKeys", false],
    ["sts:RoleSessionName", "RoleSessionName", true],
  ])("accepts the global key %s", (key, suffix, singleValued) => {
    expect(describeConditionKey(key, gh)).toEqual({
      valid: true,
      suffix,
      singleValued,
      scope: "global",
    });
  });

  it.each([
    [
      "an unlisted aws: key",
      "aws:SourceVpc",
      "Fedlens does not know whether STS sets aws:SourceVpc for a web-identity request; if it is absent, the condition is false.",
    ],
    ["oaud outside Google", `${eks}:oaud`, "AWS documents :oaud only for accounts.google.com."],
    ["email", `${eks}:email`, ":email works but is not in AWS's documented key list."],
  ])("accepts %s with a caveat", (_label, key, message) => {
    expect(describeConditionKey(key, key.startsWith("aws:") ? gh : eks)).toMatchObject({
      valid: true,
      message,
    });
  });

  it.each([
    [
      "a GitHub-only key on EKS",
      `${eks}:repository_id`,
      eks,
      `STS sets :repository_id only for GitHub's issuer; for this provider ${absent}.`,
    ],
    [
      "a custom claim (CLOUDS.md 2.4: scope, roles are not exposed)",
      `${gh}:scope`,
      gh,
      `STS does not expose the claim 'scope' as a condition key (only aud, sub, amr, azp, oaud, email); ${absent}.`,
    ],
    [
      "a nested claim",
      `${eks}:kubernetes.io.namespace`,
      eks,
      `STS does not expose the claim 'kubernetes.io.namespace' as a condition key (only aud, sub, amr, azp, oaud, email); ${absent}.`,
    ],
    [
      "another provider's key",
      "gitlab.com:sub",
      gh,
      `This key belongs to another provider: STS sets only ${gh}:… keys for this provider's tokens; ${absent}.`,
    ],
    [
      "a key without the slash its provider was registered with",
      "auth-dev.mozilla.auth0.com:aud",
      "auth-dev.mozilla.auth0.com/",
      `This key belongs to another provider: STS sets only auth-dev.mozilla.auth0.com/:… keys for this provider's tokens; ${absent}.`,
    ],
    ["a bare claim name", "sub", gh, `A condition key is ${gh}:<claim> or a global aws: key.`],
  ])("refuses %s", (_label, key, providerKey, message) => {
    expect(describeConditionKey(key, providerKey)).toMatchObject({ valid: false, message });
  });
});

describe("isGithubProviderKey", () => {
  it.each([
    [gh, true],
    [`${gh}/contoso`, true],
    ["TOKEN.ACTIONS.GITHUBUSERCONTENT.COM", true],
    ["token.actions.githubusercontent.com.evil.example", false],
    ["github.example.com/_services/token", false],
  ])("says %j is GitHub's issuer: %s", (key, expected) => {
    expect(isGithubProviderKey(key)).toBe(expected);
  });
});
