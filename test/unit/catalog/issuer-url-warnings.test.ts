import { describe, expect, it } from "vitest";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { issuerUrlWarnings } from "@/lib/catalog/issuer-url-warnings";
import { demoIssuers } from "@/lib/db/seed-demo";

const aks = "https://westeurope.oic.prod-aks.azure.com/0f1e2d3c-aaaa-bbbb-cccc-000000000001/guid";

const warn = {
  discovery: "This is the discovery document's URL; the issuer is the part before /.well-known.",
  aksSlash:
    "AKS issuers end with '/'. Without it Entra answers AADSTS70021 (no matching federated identity record).",
  pathSlash:
    "Ends with '/': most issuers (GitHub, GitLab, EKS, Keycloak) emit no trailing slash, and the match is exact.",
  hostSlash:
    "Ends with '/': tokens from this issuer probably carry it without the slash, and the match is exact.",
  capitals:
    "The host has capital letters: tokens usually carry it in lower case, and the match is case-sensitive.",
  port: "Has a port: AWS IAM refuses OIDC provider URLs with a port.",
  githubPath: "GitHub's issuer has at most one path segment (a GHEC enterprise slug).",
  keycloak: "Keycloak issuers end with /realms/<realm>.",
  inCluster: "An in-cluster address: clouds cannot fetch its keys, so federation fails.",
};

type Case = [label: string, url: string, kind: IssuerKind, expected: string[]];

describe("issuerUrlWarnings", () => {
  it.each<Case>([
    ["AKS without its trailing slash", aks, "kubernetes-aks", [warn.aksSlash]],
    [
      "GitHub with a trailing slash",
      "https://token.actions.githubusercontent.com/",
      "github-actions",
      [warn.hostSlash],
    ],
    [
      "GitLab under a path with a trailing slash",
      "https://git.example.com/gitlab/",
      "gitlab",
      [warn.pathSlash],
    ],
    [
      "capitals in the host",
      "https://Token.Actions.GitHubUserContent.com",
      "github-actions",
      [warn.capitals],
    ],
    ["a port", "https://issuer.example.com:8443", "generic", [warn.port]],
    [
      "the discovery document's URL",
      "https://gitlab.com/.well-known/openid-configuration",
      "gitlab",
      [warn.discovery],
    ],
    [
      "GitHub with two path segments",
      "https://token.actions.githubusercontent.com/acme/extra",
      "github-actions",
      [warn.githubPath],
    ],
    ["Keycloak without a realm", "https://keycloak.example.com", "keycloak", [warn.keycloak]],
    [
      "Keycloak's admin console path",
      "https://keycloak.example.com/admin/master/console",
      "keycloak",
      [warn.keycloak],
    ],
    [
      "the in-cluster API server",
      "https://kubernetes.default.svc.cluster.local",
      "kubernetes-other",
      [warn.inCluster],
    ],
    [
      "a short in-cluster service name",
      "https://kubernetes.default.svc",
      "kubernetes-other",
      [warn.inCluster],
    ],
  ])("warns about %s", (_label, url, kind, expected) => {
    expect(issuerUrlWarnings(url, kind)).toEqual(expected);
  });

  it.each<Case>([
    ["AKS with its trailing slash", `${aks}/`, "kubernetes-aks", []],
    ["GitHub as documented", "https://token.actions.githubusercontent.com", "github-actions", []],
    [
      "a GHEC enterprise issuer",
      "https://token.actions.githubusercontent.com/acme",
      "github-actions",
      [],
    ],
    ["a Keycloak realm", "https://keycloak.example.com/realms/platform", "keycloak", []],
    [
      "a pre-17 Keycloak realm under /auth",
      "https://sso.example.com/auth/realms/ops",
      "keycloak",
      [],
    ],
    [
      "capitals in an EKS path only",
      "https://oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE5C0FFEE5C0FFEE5C0FFEE5C0F",
      "kubernetes-eks",
      [],
    ],
    [
      "an Entra v2 issuer",
      "https://login.microsoftonline.com/0f1e2d3c-aaaa-bbbb-cccc-000000000001/v2.0",
      "azure-devops",
      [],
    ],
  ])("says nothing for %s", (_label, url, kind, expected) => {
    expect(issuerUrlWarnings(url, kind)).toEqual(expected);
  });

  it("reports every slip in one URL", () => {
    expect(
      issuerUrlWarnings(
        "https://Keycloak.example.com:8443/.well-known/openid-configuration",
        "keycloak",
      ),
    ).toEqual([warn.discovery, warn.capitals, warn.port, warn.keycloak]);
  });

  it("leaves a string that is not a URL to the schema", () => {
    expect(issuerUrlWarnings("not a url", "generic")).toEqual([]);
  });

  // WHATWG URL drops a scheme's default port (url.port === ""), but the string
  // still carries ":443" and AWS IAM refuses any port (CLOUDS.md 2.1).
  it("warns about an explicit default port :443", () => {
    expect(issuerUrlWarnings("https://issuer.example.com:443", "generic")).toEqual([warn.port]);
  });

  // Services resolve as <service>.<namespace>.svc.cluster.local inside a cluster.
  it("warns about any in-cluster service host, not only the API server's", () => {
    expect(issuerUrlWarnings("https://spire-oidc.spire.svc.cluster.local", "spire")).toEqual([
      warn.inCluster,
    ]);
  });

  it.each(demoIssuers.map((issuer) => [issuer.name, issuer] as const))(
    "finds nothing to warn about in the demo issuer %s",
    (_name, issuer) => {
      expect(issuerUrlWarnings(issuer.issuerUrl, issuer.kind)).toEqual([]);
    },
  );
});
