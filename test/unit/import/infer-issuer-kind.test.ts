import { describe, expect, it } from "vitest";
import { inferIssuerKind, proposedIssuerName } from "@/lib/sync/import/infer-issuer-kind";
import { NameBook } from "@/lib/sync/import/name-book";

describe("inferIssuerKind", () => {
  it.each([
    ["https://token.actions.githubusercontent.com", "github-actions"],
    ["https://token.actions.githubusercontent.com/contoso-ent", "github-actions"],
    ["https://ghe.contoso.com/_services/token", "github-actions"],
    ["https://gitlab.com", "gitlab"],
    ["https://app.terraform.io", "terraform-cloud"],
    ["https://app.eu.terraform.io", "terraform-cloud"],
    [
      "https://eastus.oic.prod-aks.azure.com/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b/0d9f8e7c/",
      "kubernetes-aks",
    ],
    ["https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789", "kubernetes-eks"],
    [
      "https://container.googleapis.com/v1/projects/p/locations/europe-west1/clusters/c",
      "kubernetes-gke",
    ],
    ["https://oidc.circleci.com/org/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", "circleci"],
    ["https://vstoken.dev.azure.com/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", "azure-devops"],
    ["https://sso.contoso.com/realms/ci", "keycloak"],
    ["https://token.actions.githubusercontent.com/", "generic"],
    ["https://oidc.example.com", "generic"],
  ] as const)("reads %s as %s", (url, kind) => {
    expect(inferIssuerKind(url)).toBe(kind);
  });

  it("names a fixed issuer by its kind and any other by its address", () => {
    expect(proposedIssuerName("https://gitlab.com", "gitlab")).toBe("GitLab CI");
    expect(proposedIssuerName("https://oidc.example.com/tenant/", "generic")).toBe(
      "Other OIDC issuer oidc.example.com/tenant",
    );
  });
});

describe("NameBook", () => {
  it("takes the first free name and never hands one out twice", () => {
    const book = new NameBook(["ci", "ci (2)"]);
    expect(book.claim("ci")).toBe("ci (3)");
    expect(book.claim("ci")).toBe("ci (4)");
    expect(book.claim("x".repeat(200))).toHaveLength(120);
    expect(book.claim("x".repeat(200))).toBe(`${"x".repeat(116)} (2)`);
  });
});
