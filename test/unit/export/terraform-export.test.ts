import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { renderExport } from "@/lib/sync/export/export-code";
import type { ExportSource } from "@/lib/sync/export/export-types";
import {
  appConfig,
  awsConfig,
  awsSpecs,
  azureSpecs,
  gcpConfig,
  gcpSpecs,
  sourceFor,
  uamiConfig,
} from "./export-fixtures";
import { jsonencodeArgument, literal, parseTerraform } from "./export-harness";

// The generated Terraform parses (hcl2json, the parser cdktf uses) and every
// attribute reads back as the value of the object the binding page shows.

type Objects = Record<string, unknown>[];
const objects = (source: ExportSource) => source.bindings.map((b) => b.cloudObject) as Objects;

async function terraformOf(cloud: "azure" | "aws" | "gcp", source: ExportSource) {
  const { text, filename } = renderExport({ cloud, format: "terraform", source });
  expect(filename).toMatch(/\.tf$/);
  return literal(await parseTerraform(text)) as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
}

describe("Terraform export", () => {
  it("writes a managed identity's credentials with azurerm, and a flexible one with azapi", async () => {
    const source = sourceFor({
      cloud: "azure",
      kind: "azure-uami",
      config: uamiConfig,
      specs: azureSpecs,
    });
    const [plain, flexible, atFirst] = objects(source) as {
      id: string;
      properties: Record<string, unknown>;
    }[];
    const { text } = renderExport({ cloud: "azure", format: "terraform", source });
    const { terraform } = (await parse("main.tf", text)) as {
      terraform: { required_providers: Record<string, unknown>[] }[];
    };
    expect(terraform[0]?.required_providers[0]).toEqual({
      azurerm: { source: "hashicorp/azurerm", version: ">= 5.0" },
      azapi: { source: "Azure/azapi", version: ">= 2.0" },
    });
    const parsed = await terraformOf("azure", source);
    const parentId = plain!.id.replace(/\/federatedIdentityCredentials\/[^/]+$/, "");
    expect(parsed.azurerm_federated_identity_credential?.["plain-fic"]).toEqual({
      name: "plain-fic",
      user_assigned_identity_id: parentId,
      audience: plain!.properties.audiences,
      issuer: plain!.properties.issuer,
      subject: plain!.properties.subject,
    });
    expect(parsed.azurerm_federated_identity_credential?.["at-fic"]?.subject).toBe(
      atFirst!.properties.subject,
    );
    expect(parsed.azapi_resource?.["flexible-fic"]).toEqual({
      type: "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2025-01-31-preview",
      name: "flexible-fic",
      parent_id: parentId,
      schema_validation_enabled: false,
      body: { properties: flexible!.properties },
    });
  });

  it("writes an app registration's credentials with azuread", async () => {
    const source = sourceFor({
      cloud: "azure",
      kind: "azure-app",
      config: appConfig,
      specs: azureSpecs,
    });
    const [plain, flexible] = objects(source) as Record<string, unknown>[];
    const parsed = await terraformOf("azure", source);
    const applicationId = `/applications/${appConfig.applicationObjectId}`;
    expect(parsed.azuread_application_federated_identity_credential?.["plain-fic"]).toEqual({
      application_id: applicationId,
      display_name: "plain-fic",
      description: plain!.description,
      audiences: plain!.audiences,
      issuer: plain!.issuer,
      subject: plain!.subject,
    });
    expect(
      parsed.azuread_application_flexible_federated_identity_credential?.["flexible-fic"],
    ).toEqual({
      application_id: applicationId,
      display_name: "flexible-fic",
      audience: "api://AzureADTokenExchange",
      issuer: flexible!.issuer,
      claims_matching_expression: (flexible!.claimsMatchingExpression as { value: string }).value,
    });
  });

  it("writes the OIDC provider and the role with its whole trust policy", async () => {
    const source = sourceFor({
      cloud: "aws",
      kind: "aws-role",
      config: awsConfig,
      specs: awsSpecs,
    });
    const [object] = objects(source);
    const parsed = await terraformOf("aws", source);
    expect(parsed.aws_iam_openid_connect_provider).toEqual({
      token_actions_githubusercontent_com: {
        url: object!.providerUrl,
        client_id_list: object!.clientIds,
      },
    });
    const role = parsed.aws_iam_role?.deployer;
    expect(role).toMatchObject({ name: "deployer", path: "/" });
    const policy = await jsonencodeArgument(role?.assume_role_policy);
    expect(policy).toEqual(object!.trustPolicy);
    expect((policy as { Statement: unknown[] }).Statement).toHaveLength(2);
  });

  it("writes the pool provider and one IAM member per principal", async () => {
    const source = sourceFor({
      cloud: "gcp",
      kind: "gcp-provider",
      config: gcpConfig,
      specs: gcpSpecs,
    });
    const [object] = objects(source) as {
      serviceAccountIamPolicy: { serviceAccount: string; role: string; members: string[] };
    }[];
    const parsed = await terraformOf("gcp", source);
    expect(parsed.google_iam_workload_identity_pool_provider?.["gh-actions"]).toEqual({
      project: gcpConfig.projectNumber,
      workload_identity_pool_id: gcpConfig.poolId,
      workload_identity_pool_provider_id: gcpConfig.providerId,
      display_name: gcpConfig.displayName,
      disabled: true,
      attribute_mapping: gcpConfig.attributeMapping,
      attribute_condition: gcpConfig.attributeCondition,
      oidc: [{ issuer_uri: gcpConfig.issuerUri, allowed_audiences: gcpConfig.allowedAudiences }],
    });
    const members = Object.values(parsed.google_service_account_iam_member ?? {});
    const policy = object!.serviceAccountIamPolicy;
    expect(members.map((member) => member.member).sort()).toEqual(policy.members);
    for (const member of members) {
      expect(member.service_account_id).toBe(`projects/-/serviceAccounts/${policy.serviceAccount}`);
      expect(member.role).toBe(policy.role);
    }
  });

  it("exports one binding with the target objects it needs", async () => {
    const source = sourceFor({
      cloud: "gcp",
      kind: "gcp-provider",
      config: gcpConfig,
      specs: gcpSpecs,
      scope: "binding",
    });
    const parsed = await terraformOf("gcp", source);
    expect(Object.keys(parsed.google_iam_workload_identity_pool_provider ?? {})).toHaveLength(1);
    expect(renderExport({ cloud: "gcp", format: "terraform", source }).text).toContain(
      'the binding "prod" on "Target 1"',
    );
  });

  it("gives a target without bindings its own objects only, or says there is nothing to create", async () => {
    const aws = sourceFor({ cloud: "aws", kind: "aws-role", config: awsConfig, specs: [] });
    const awsParsed = await terraformOf("aws", aws);
    expect(Object.keys(awsParsed)).toEqual(["aws_iam_openid_connect_provider"]);
    const gcp = sourceFor({ cloud: "gcp", kind: "gcp-provider", config: gcpConfig, specs: [] });
    const gcpParsed = await terraformOf("gcp", gcp);
    expect(Object.keys(gcpParsed)).toEqual(["google_iam_workload_identity_pool_provider"]);
    const azure = sourceFor({ cloud: "azure", kind: "azure-uami", config: uamiConfig, specs: [] });
    const { text } = renderExport({ cloud: "azure", format: "terraform", source: azure });
    expect(text).toContain("no bindings yet");
    expect(await parseTerraform(text)).toEqual({});
  });

  it("leaves out a built-in provider, which has no IAM object", async () => {
    const google = "https://accounts.google.com";
    const statement = {
      Sid: "Google",
      Effect: "Allow",
      Principal: { Federated: "accounts.google.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "accounts.google.com:aud": "client-id" } },
    };
    const source = sourceFor({
      cloud: "aws",
      kind: "aws-role",
      config: awsConfig,
      specs: [{ cloud: "aws", sid: "Google", providerUrl: google, mode: "raw", statement }],
      scope: "binding",
    });
    const parsed = await terraformOf("aws", source);
    expect(Object.keys(parsed)).toEqual(["aws_iam_role"]);
  });

  it("keeps a name with a line break inside its comment", async () => {
    const source = sourceFor({
      cloud: "aws",
      kind: "aws-role",
      config: awsConfig,
      specs: awsSpecs,
    });
    source.target.name = 'evil\nresource "aws_iam_user" "x" {}\n#';
    const { text } = renderExport({ cloud: "aws", format: "terraform", source });
    expect(Object.keys(await parseTerraform(text)).sort()).toEqual([
      "aws_iam_openid_connect_provider",
      "aws_iam_role",
    ]);
    expect(text).toContain("evil\\u000aresource");
  });
});
