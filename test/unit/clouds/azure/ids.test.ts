import { describe, expect, it } from "vitest";
import {
  uamiResourceId,
  ZAzureGuid,
  ZResourceGroupName,
  ZUserAssignedIdentityName,
} from "@/lib/clouds/azure/ids";
import { issuesOf, parseOk } from "../../schemas/zod-issues";

const guidMessage = "must be a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47";

describe("ZAzureGuid", () => {
  it.each([
    ["a lower-case GUID", "72f988bf-86f1-41af-91ab-2d7cd011db47"],
    ["an upper-case GUID", "72F988BF-86F1-41AF-91AB-2D7CD011DB47"],
    ["a pasted GUID with spaces around it", "  72f988bf-86f1-41af-91ab-2d7cd011db47\n"],
  ])("accepts %s and stores it in lower case", (_label, input) => {
    expect(parseOk(ZAzureGuid, input)).toBe("72f988bf-86f1-41af-91ab-2d7cd011db47");
  });

  it.each([
    ["an empty string", "", "is required"],
    ["only spaces", "   ", "is required"],
    ["a number", 7, "is required"],
    ["a GUID in braces", "{72f988bf-86f1-41af-91ab-2d7cd011db47}", guidMessage],
    ["a GUID without dashes", "72f988bf86f141af91ab2d7cd011db47", guidMessage],
    ["a GUID one digit short", "72f988bf-86f1-41af-91ab-2d7cd011db4", guidMessage],
    ["a non-hex digit", "72f988bf-86f1-41af-91ab-2d7cd011db4g", guidMessage],
    ["a domain name", "contoso.onmicrosoft.com", guidMessage],
  ])("rejects %s", (_label, input, message) => {
    expect(issuesOf(ZAzureGuid, input)).toEqual([{ path: "", message }]);
  });
});

describe("ZResourceGroupName", () => {
  it.each([
    ["hyphens", "rg-payments-prod"],
    ["dots, parentheses and underscores", "rg_payments(eu).v2"],
    ["non-ASCII letters, which ARM allows", "ressourcen-münchen"],
    ["one character", "r"],
    ["exactly 90 characters", "r".repeat(90)],
  ])("accepts %s", (_label, name) => {
    expect(parseOk(ZResourceGroupName, name)).toBe(name);
  });

  it.each([
    ["an empty string", "", "is required"],
    ["91 characters", "r".repeat(91), "must be at most 90 characters"],
    ["a trailing dot", "rg-prod.", "must not end with '.': ARM refuses it"],
    ["a slash", "rg/prod", "may contain only letters, digits, '_', '(', ')', '-' and '.'"],
    ["a space", "rg prod", "may contain only letters, digits, '_', '(', ')', '-' and '.'"],
  ])("rejects %s", (_label, input, message) => {
    expect(issuesOf(ZResourceGroupName, input)).toEqual([{ path: "", message }]);
  });
});

describe("ZUserAssignedIdentityName", () => {
  it.each([
    ["the shortest name", "id1"],
    ["exactly 128 characters", "i".repeat(128)],
    ["hyphens and underscores", "uami-payments_prod"],
  ])("accepts %s", (_label, name) => {
    expect(parseOk(ZUserAssignedIdentityName, name)).toBe(name);
  });

  it.each([
    ["two characters", "id", "must be at least 3 characters"],
    ["129 characters", "i".repeat(129), "must be at most 128 characters"],
    [
      "a leading hyphen",
      "-uami",
      "must start with a letter or digit: ARM refuses names that start with '-'",
    ],
    ["a dot", "uami.prod", "may contain only letters, digits, '-' and '_' (found '.')"],
  ])("rejects %s", (_label, input, message) => {
    expect(issuesOf(ZUserAssignedIdentityName, input)).toEqual([{ path: "", message }]);
  });
});

describe("uamiResourceId", () => {
  it("builds the ARM id a FIC's id extends (CLOUDS.md 1.1)", () => {
    expect(
      uamiResourceId({
        subscriptionId: "00000000-0000-0000-0000-000000000001",
        resourceGroup: "rg-payments",
        identityName: "uami-deploy",
      }),
    ).toBe(
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-payments/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-deploy",
    );
  });
});
