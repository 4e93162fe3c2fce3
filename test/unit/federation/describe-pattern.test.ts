import { describe, expect, it } from "vitest";
import { describeSubjectPattern, literalPrefix } from "@/lib/federation/describe-pattern";
import { lookAlikeKey } from "@/lib/trust-map/look-alike-key";

describe("describeSubjectPattern", () => {
  it.each([
    ["repo:contoso/*", "any repository of contoso"],
    ["repo:contoso/web:*", "any branch, tag, environment or pull request of contoso/web"],
    ["repo:contoso/web-*", 'any repository of contoso named like "web-*"'],
    ["project_path:platform/*", "any project of platform"],
    ["system:serviceaccount:payments:*", "any service account in namespace payments"],
    ["organization:contoso:*", "any workspace of contoso"],
    ["*", "any identity of the issuer"],
    ["repo:*/web:*", 'any subject matching "repo:*/web:*"'],
  ])("reads %s as %s", (pattern, words) => {
    expect(describeSubjectPattern(pattern, "the issuer")).toBe(words);
  });

  it("bounds a pattern by the text before its first wildcard", () => {
    expect(literalPrefix("repo:contoso/web-?:*")).toBe("repo:contoso/web-");
    expect(literalPrefix("repo:contoso/web")).toBe("repo:contoso/web");
  });
});

describe("lookAlikeKey", () => {
  it("groups URLs that differ by case, a trailing slash, a path, a port or a look-alike letter", () => {
    const key = lookAlikeKey("https://token.actions.githubusercontent.com");
    for (const url of [
      "https://Token.Actions.GithubUserContent.com/",
      "https://token.actions.githubusercontent.com/contoso",
      "https://token.actions.githubusercontent.com:8443",
      "https://tоken.actions.githubusercontent.com", // Cyrillic о
    ]) {
      expect(lookAlikeKey(url)).toBe(key);
    }
    expect(lookAlikeKey("https://token.actions.githubusercontent.com.evil.test")).not.toBe(key);
  });
});
