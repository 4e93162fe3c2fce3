// The emulated Entra's reading of flexible FIC expressions (the documented
// grammar only), which the exchange tests rely on to stand for Entra.
import { describe, expect, it } from "vitest";
import { matchesExpression, matchFic } from "@/test/emulators/azure/entra-assertion-match";

const claims = {
  iss: "https://issuer",
  sub: "repo:contoso/app:ref:refs/heads/main",
  aud: "api://AzureADTokenExchange",
  env: "it's",
};

describe("the emulator's flexible FIC expressions", () => {
  it.each([
    ["claims['sub'] matches 'repo:contoso/*:ref:refs/heads/*'", true],
    ["claims['sub'] matches 'repo:contoso/ap?:ref:refs/heads/main'", true],
    ["claims['sub'] eq 'repo:contoso/app:ref:refs/heads/main'", true],
    ["claims['sub'] eq 'repo:contoso/app:ref:refs/heads/Main'", false],
    ["claims['sub'] matches 'repo:Contoso/*'", false],
    ["claims['sub'] matches 'repo:contoso/*' and claims['env'] eq 'it''s'", true],
    ["claims['sub'] matches 'repo:contoso/*' and claims['env'] eq 'its'", false],
    ["claims['sub'] matches repo:contoso/*", false],
    ["claims['sub'] matches 'repo:contoso/*' or claims['env'] eq 'x'", false],
    ["claims['missing'] eq ''", false],
    ["claims['sub'] matches 'repo:contoso/app:ref:refs/heads/mai.'", false],
  ])("%s → %s", (expression, expected) => {
    expect(matchesExpression(expression, claims)).toBe(expected);
  });

  it("treats * in a plain subject as a literal character", () => {
    const fic = {
      issuer: "https://issuer",
      subject: "repo:contoso/*",
      audiences: ["api://AzureADTokenExchange"],
    };
    expect(matchFic([fic], claims)).toMatchObject({ ok: false, code: 700213 });
    expect(matchFic([fic], { ...claims, sub: "repo:contoso/*" })).toMatchObject({ ok: true });
  });
});
