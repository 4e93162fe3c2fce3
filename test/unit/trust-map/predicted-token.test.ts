import { describe, expect, it } from "vitest";
import { predictToken } from "@/lib/trust-map/predicted-token";
import { github, githubWorkload } from "./catalogue";

describe("predictToken", () => {
  it("fills a GitHub branch job's claims from its spec and leaves the event unknown", () => {
    const token = predictToken(githubWorkload("w", "web", { trigger: "branch" }), github);
    expect(token.claims).toMatchObject({
      iss: github.issuerUrl,
      sub: "repo:contoso/web:ref:refs/heads/main",
      repository: "contoso/web",
      repository_owner: "contoso",
      ref: "refs/heads/main",
      ref_type: "branch",
    });
    expect(token.claims).not.toHaveProperty("environment");
    expect(token.claims).not.toHaveProperty("event_name");
    expect(token.unknownClaims).toContainEqual(["event_name"]);
    expect(token.unknownClaims).toContainEqual(["job_workflow_ref"]);
    expect(token).toMatchObject({ partial: false, audience: "requestable" });
  });

  it("gives an environment job its environment and leaves its ref unknown", () => {
    const token = predictToken(githubWorkload("w", "web"), github);
    expect(token.claims.environment).toBe("production");
    expect(token.claims).not.toHaveProperty("ref");
    expect(token.unknownClaims).toContainEqual(["ref"]);
  });

  it("derives GitLab's namespace_path and leaves the environment unknown", () => {
    const token = predictToken(
      {
        subject: "project_path:platform/infra/deployer:ref_type:tag:ref:v1",
        subjectSpec: {
          kind: "gitlab",
          form: "project_path",
          projectPath: "platform/infra/deployer",
          refType: "tag",
          ref: "v1",
        },
      },
      { issuerUrl: "https://gitlab.com", kind: "gitlab" },
    );
    expect(token.claims).toMatchObject({
      project_path: "platform/infra/deployer",
      namespace_path: "platform/infra",
      ref: "v1",
      ref_type: "tag",
    });
    expect(token.unknownClaims).toContainEqual(["environment"]);
  });

  it("nests the Kubernetes claims and leaves the uids unknown", () => {
    const token = predictToken(
      {
        subject: "system:serviceaccount:payments:api",
        subjectSpec: { kind: "kubernetes", namespace: "payments", serviceAccount: "api" },
      },
      { issuerUrl: "https://oidc.prod-aks.azure.com/abc/", kind: "kubernetes-aks" },
    );
    expect(token.claims["kubernetes.io"]).toEqual({
      namespace: "payments",
      serviceaccount: { name: "api" },
    });
    expect(token.unknownClaims).toContainEqual(["kubernetes.io", "serviceaccount", "uid"]);
  });

  it("names HCP Terraform's organization, workspace and run phase", () => {
    const token = predictToken(
      {
        subject: "organization:contoso:project:Default Project:workspace:net:run_phase:plan",
        subjectSpec: {
          kind: "terraform",
          organization: "contoso",
          project: "Default Project",
          workspace: "net",
          runPhase: "plan",
        },
      },
      { issuerUrl: "https://app.terraform.io", kind: "terraform-cloud" },
    );
    expect(token.claims).toMatchObject({
      terraform_organization_name: "contoso",
      terraform_workspace_name: "net",
      terraform_run_phase: "plan",
    });
  });

  it("knows only sub for a free-form issuer, marks it partial and its audience unconfirmed", () => {
    const token = predictToken(
      { subject: "3f1c9a7e", subjectSpec: { kind: "free", subject: "3f1c9a7e" } },
      { issuerUrl: "https://sso.example.test/realms/ops", kind: "keycloak" },
    );
    expect(token.claims).toEqual({ iss: "https://sso.example.test/realms/ops", sub: "3f1c9a7e" });
    expect(token).toMatchObject({ partial: true, audience: "unconfirmed" });
  });

  it("trusts only sub when the spec no longer builds the stored subject", () => {
    const workload = { ...githubWorkload("w", "web"), subject: "repo:contoso/web:pull_request" };
    const token = predictToken(workload, github);
    expect(token.partial).toBe(true);
    expect(token.claims).not.toHaveProperty("repository");
  });
});
