import { describe, expect, it } from "vitest";
import { rememberTimeChecks } from "@/lib/clouds/time-checks-memo";
import * as azure from "./azure/match/fixtures";

const at = new Date("2026-09-01T12:00:00Z");
const now = at.getTime() / 1000;

function counting() {
  const seen: Record<string, unknown>[] = [];
  const check = rememberTimeChecks((claims, when: Date) => {
    seen.push(claims);
    return `${JSON.stringify(claims)} at ${when.toISOString()}`;
  });
  return { check, seen };
}

describe("rememberTimeChecks", () => {
  it("checks tokens with the same times once, whatever their other claims", () => {
    const { check, seen } = counting();
    const times = { iat: now - 60, exp: now + 240 };
    const first = check({ sub: "repo:contoso/web:environment:prod", ...times }, at);
    const second = check({ sub: "repo:fabrikam/tool:ref:refs/heads/main", ...times }, at);
    expect(second).toBe(first);
    expect(seen).toEqual([times]);
  });

  it.each<[name: string, other: Record<string, unknown>]>([
    ["another exp", { iat: now - 60, exp: now - 1 }],
    ["exp as text", { iat: now - 60, exp: String(now + 240) }],
    ["nbf null rather than absent", { iat: now - 60, exp: now + 240, nbf: null }],
    ["no iat", { exp: now + 240 }],
  ])("checks again for %s", (_name, other) => {
    const { check, seen } = counting();
    check({ iat: now - 60, exp: now + 240 }, at);
    check(other, at);
    expect(seen).toEqual([{ iat: now - 60, exp: now + 240 }, other]);
  });

  it("tells an absent claim from one present without a value", () => {
    const { check, seen } = counting();
    check({ exp: now + 240 }, at);
    check({ exp: now + 240, nbf: undefined }, at);
    expect(seen).toHaveLength(2);
  });

  it("answers times seen before the last ones from the memo", () => {
    const { check, seen } = counting();
    const first = check({ exp: now + 240 }, at);
    check({ exp: now + 60 }, at);
    expect(check({ exp: now + 240 }, at)).toBe(first);
    expect(check({ exp: now + 60 }, at)).toBe(check({ exp: now + 60 }, at));
    expect(seen).toHaveLength(2);
  });

  it("never remembers times JSON cannot spell, even as the last ones", () => {
    let checked = 0;
    const check = rememberTimeChecks(() => (checked += 1));
    const big = { exp: BigInt(now + 240) };
    check(big, at);
    check(big, at);
    expect(checked).toBe(2);
  });

  it("checks again at another evaluation time", () => {
    const { check, seen } = counting();
    check({ exp: now + 240 }, at);
    check({ exp: now + 240 }, new Date(at.getTime() + 1000));
    expect(seen).toHaveLength(2);
  });
});

describe("a cloud's remembered time checks", () => {
  it("give two tokens with the same subject but other times each their own verdict", () => {
    const binding = azure.single(azure.envFic);
    const valid = azure.evaluate(azure.token(azure.githubClaims(azure.envSub)), binding);
    const expired = azure.evaluate(
      azure.token(azure.githubClaims(azure.envSub, { exp: azure.now - 10 })),
      binding,
    );
    const validAgain = azure.evaluate(azure.token(azure.githubClaims(azure.envSub)), binding);
    expect(valid.accepted).toBe(true);
    expect(expired.accepted).toBe(false);
    expect(expired.cloudError?.code).toBe("AADSTS700024");
    expect(validAgain).toEqual(valid);
  });
});
