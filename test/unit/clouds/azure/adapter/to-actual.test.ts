// What the adapter reads must be shown exactly as the catalogue shows the same
// binding (lib/clouds/azure/index.ts cloudObject), or drift would diff shapes
// instead of values.
import { describe, expect, it } from "vitest";
import type { BindingContext } from "@/lib/clouds/types";
import { azureCatalog } from "@/lib/clouds/azure";
import { azureAdapter } from "@/lib/clouds/azure/adapter";
import { ficKey, toActualBinding, toActualTarget } from "@/lib/clouds/azure/adapter/to-actual";
import type { TAzureAppConfig, TAzureUamiConfig } from "@/lib/clouds/azure/target-config";

const uami: TAzureUamiConfig = {
  tenantId: "00000000-0000-4000-8000-00000000a0a0",
  subscriptionId: "00000000-0000-4000-8000-000000000001",
  resourceGroup: "rg-Fedlens",
  identityName: "deployer",
  clientId: "00000000-0000-4000-8000-0000000000c1",
  principalId: "00000000-0000-4000-8000-0000000000b1",
};
const app: TAzureAppConfig = {
  tenantId: uami.tenantId,
  applicationObjectId: "00000000-0000-4000-8000-0000000000a1",
  clientId: "00000000-0000-4000-8000-0000000000a2",
};
const issuer = "https://token.actions.githubusercontent.com";
const audiences = ["api://AzureADTokenExchange"];
const expression = { value: "claims['sub'] matches 'repo:o/r:*'", languageVersion: 1 };
const identityId = `/subscriptions/${uami.subscriptionId}/resourceGroups/rg-Fedlens/providers/Microsoft.ManagedIdentity/userAssignedIdentities/deployer`;

function catalogueObject(spec: unknown, kind: "azure-uami" | "azure-app", config: unknown) {
  const context = { spec, target: { id: "t", kind, name: "n", config } };
  return azureCatalog.cloudObject(context as BindingContext<never>);
}

function bindingOf(result: ReturnType<typeof toActualBinding>) {
  if (!("binding" in result)) throw new Error("expected a binding");
  return result.binding;
}

describe("Azure adapter output in the catalogue's terms", () => {
  it.each([
    ["a plain credential", { subject: "repo:o/r:environment:prod" }],
    ["a flexible credential", { subject: null, claimsMatchingExpression: expression }],
  ])(
    "shows %s on a managed identity as ARM returns it and as the catalogue shows it",
    (_n, match) => {
      const arm = {
        id: `${identityId}/federatedIdentityCredentials/gh-prod`,
        name: "gh-prod",
        type: "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
        properties: { issuer, audiences, ...match },
      };
      const binding = bindingOf(
        toActualBinding(
          { id: arm.id, name: arm.name, ...arm.properties },
          { kind: "azure-uami", config: uami },
        ),
      );
      expect(binding.cloudObject).toEqual(catalogueObject(binding.spec, "azure-uami", uami));
      const { subject, ...rest } = arm.properties;
      expect(binding.cloudObject).toEqual({
        ...arm,
        properties: subject === null ? rest : arm.properties,
      });
    },
  );

  it("treats an ARM id that differs only by case as the same id", () => {
    const id = `${identityId}/federatedIdentityCredentials/gh-prod`.replace(
      "resourceGroups/rg-Fedlens",
      "resourcegroups/rg-fedlens",
    );
    const binding = bindingOf(
      toActualBinding(
        { id, name: "gh-prod", issuer, audiences, subject: "s" },
        { kind: "azure-uami", config: uami },
      ),
    );
    expect(binding.cloudObject).toEqual(catalogueObject(binding.spec, "azure-uami", uami));
  });

  it("keeps an ARM id that really differs, so drift shows it", () => {
    const id = `${identityId}-old/federatedIdentityCredentials/gh-prod`;
    const binding = bindingOf(
      toActualBinding(
        { id, name: "gh-prod", issuer, audiences, subject: "s" },
        { kind: "azure-uami", config: uami },
      ),
    );
    expect((binding.cloudObject as { id: string }).id).toBe(id);
  });

  it.each([
    ["with a description", { subject: "repo:o/r:ref:refs/heads/main", description: "main branch" }],
    [
      "flexible, without a description",
      { subject: null, description: null, claimsMatchingExpression: expression },
    ],
  ])("shows an app registration's credential %s as the catalogue shows it", (_n, fields) => {
    const binding = bindingOf(
      toActualBinding(
        { name: "main", issuer, audiences, ...fields },
        { kind: "azure-app", config: app },
      ),
    );
    expect(binding.cloudObject).toEqual(catalogueObject(binding.spec, "azure-app", app));
  });

  it("keeps a credential the catalogue cannot express as foreign, saying why", () => {
    const target = toActualTarget({ kind: "azure-app", config: app }, "app", [
      { name: "ok-name", issuer, audiences, subject: "s" },
      { name: "x", issuer, audiences, subject: "s" },
    ]);
    expect(target.bindings.map((b) => b.key)).toEqual(["ok-name"]);
    expect(target.foreign?.[0]?.key).toBe("x");
    expect(target.foreign?.[0]?.description).toContain("at least 3 characters");
  });

  it("keys a credential by its name in lower case, as ARM compares names", () => {
    expect(ficKey("GH-Prod")).toBe("gh-prod");
    expect(
      azureAdapter.bindingKey({ cloud: "azure", name: "GH-Prod", issuer, audiences, subject: "s" }),
    ).toBe("gh-prod");
  });
});
