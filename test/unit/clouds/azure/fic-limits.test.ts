import { describe, expect, it } from "vitest";
import {
  defaultAzureAudience,
  ficCapacityWarningAt,
  ficFieldMaxLength,
  maxFicsPerIdentity,
  ZFicAudience,
  ZFicAudiences,
  ZFicIssuer,
  ZFicSubject,
} from "@/lib/clouds/azure/fic-limits";
import { issuesOf, parseOk } from "../../schemas/zod-issues";

describe("FIC limits", () => {
  it("holds Entra's documented numbers (CLOUDS.md 1.3, 1.5)", () => {
    expect({ ficFieldMaxLength, maxFicsPerIdentity, defaultAzureAudience }).toEqual({
      ficFieldMaxLength: 600,
      maxFicsPerIdentity: 20,
      defaultAzureAudience: "api://AzureADTokenExchange",
    });
    expect(ficCapacityWarningAt).toBeLessThan(maxFicsPerIdentity);
  });
});

describe.each([
  ["ZFicIssuer", ZFicIssuer, "issuer", "https://token.actions.githubusercontent.com"],
  ["ZFicSubject", ZFicSubject, "subject", "repo:contoso/payments-api:environment:prod"],
  ["ZFicAudience", ZFicAudience, "audience", "api://AzureADTokenExchange"],
])("%s", (_name, schema, what, example) => {
  const edgeMessage = `must not start or end with spaces or line breaks: Entra compares the ${what} exactly`;

  it.each([
    ["a CLOUDS.md example", example],
    ["exactly 600 characters", "x".repeat(600)],
    ["inner spaces, kept as typed", "Default Project"],
  ])("accepts %s unchanged", (_label, value) => {
    expect(parseOk(schema, value)).toBe(value);
  });

  it.each([
    ["an empty string", "", "is required"],
    ["null", null, "is required"],
    ["601 characters", "x".repeat(601), "must be at most 600 characters"],
    ["a leading space", ` ${example}`, edgeMessage],
    ["a trailing newline", `${example}\n`, edgeMessage],
  ])("rejects %s", (_label, value, message) => {
    expect(issuesOf(schema, value)).toEqual([{ path: "", message }]);
  });
});

describe("ZFicAudiences", () => {
  it("accepts exactly one audience", () => {
    expect(parseOk(ZFicAudiences, [defaultAzureAudience])).toEqual([defaultAzureAudience]);
  });

  it.each([
    ["no audience", []],
    ["two audiences", [defaultAzureAudience, "api://AzureADTokenExchangeChina"]],
  ])("rejects %s as ARM does (CLOUDS.md 1.3)", (_label, audiences) => {
    expect(issuesOf(ZFicAudiences, audiences)).toEqual([
      { path: "", message: "Entra accepts exactly one audience" },
    ]);
  });

  it("rejects a bare string", () => {
    expect(issuesOf(ZFicAudiences, defaultAzureAudience)).toEqual([
      { path: "", message: "must be a list with one audience" },
    ]);
  });

  it("reports a bad audience under its index", () => {
    expect(issuesOf(ZFicAudiences, [" api://AzureADTokenExchange"])).toEqual([
      {
        path: "0",
        message:
          "must not start or end with spaces or line breaks: Entra compares the audience exactly",
      },
    ]);
  });
});
