import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import type { TrustPolicyDocument } from "@/lib/clouds/aws/trust-policy";
import { hclAttributes, hclFromJson, hclRaw, hclValue } from "@/lib/sync/export/hcl";
import { shellCommand, shellFlags } from "@/lib/sync/export/shell";
import type { CloudExporter, ExportSource } from "@/lib/sync/export/export-types";
import type { ExportPart } from "@/lib/sync/export/render-parts";

// The account's OIDC providers the bindings name, and the role with its whole
// trust policy (every catalogued statement), as Terraform and aws commands,
// from the object the catalogue shows (cloudCatalog("aws").cloudObject).

type AwsObject = {
  roleArn: string;
  providerUrl: string;
  providerArn: string;
  clientIds: string[];
  thumbprints: string[];
  trustPolicy: TrustPolicyDocument;
};

// AWS CLI list parameters accept JSON (docs.aws.amazon.com/cli/latest/userguide/cli-usage-parameters-types.html);
// a JSON list starts with '[', so no value is ever read as a file:// or
// fileb:// path (cli-usage-parameters-file.html) or taken for a flag.
const jsonList = (values: string[]) => JSON.stringify(values);

type Provider = { url: string; clientIds: string[]; thumbprints: string[] };

function providerPart(provider: Provider): ExportPart {
  return {
    resources: [
      {
        // registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_openid_connect_provider
        type: "aws_iam_openid_connect_provider",
        name: provider.url.replace(/^https:\/\//, ""),
        items: hclAttributes([
          ["url", provider.url],
          ["client_id_list", provider.clientIds],
          ["thumbprint_list", provider.thumbprints.length > 0 ? provider.thumbprints : undefined],
        ]),
      },
    ],
    commands: () => [
      shellCommand(
        ["aws", "iam", "create-open-id-connect-provider"],
        shellFlags([
          ["--url", provider.url],
          [
            "--client-id-list",
            provider.clientIds.length > 0 ? jsonList(provider.clientIds) : undefined,
          ],
          [
            "--thumbprint-list",
            provider.thumbprints.length > 0 ? jsonList(provider.thumbprints) : undefined,
          ],
        ]),
      ),
    ],
  };
}

/**
 * A binding needs the provider it names, unless that one is built in (Google,
 * Cognito: no IAM object, so no ARN; CLOUDS.md 2.1); a target has every
 * provider its settings list.
 */
function providersOf(source: ExportSource, objects: AwsObject[]): Provider[] {
  if (source.scope === "target") return (source.target.config as TAwsRoleConfig).oidcProviders;
  return objects
    .filter((object) => object.providerArn.startsWith("arn:"))
    .map((object) => ({
      url: object.providerUrl,
      clientIds: object.clientIds,
      thumbprints: object.thumbprints,
    }));
}

function rolePart(config: TAwsRoleConfig, policy: TrustPolicyDocument): ExportPart {
  return {
    resources: [
      {
        // registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role
        type: "aws_iam_role",
        name: config.roleName,
        items: hclAttributes([
          ["name", config.roleName],
          ["path", config.path],
          ["assume_role_policy", hclRaw(`jsonencode(${hclValue(hclFromJson(policy), 1)})`)],
        ]),
      },
    ],
    commands: () => [
      shellCommand(
        ["aws", "iam", "update-assume-role-policy"],
        shellFlags([
          ["--role-name", config.roleName],
          ["--policy-document", JSON.stringify(policy)],
        ]),
      ),
    ],
  };
}

function awsParts(source: ExportSource): ExportPart[] {
  const objects = source.bindings.map((binding) => binding.cloudObject as AwsObject);
  // Every binding's object carries the role's whole policy, siblings included.
  const policy = objects[0]?.trustPolicy;
  return [
    ...providersOf(source, objects).map(providerPart),
    ...(policy ? [rolePart(source.target.config as TAwsRoleConfig, policy)] : []),
  ];
}

export const awsExporter: CloudExporter = {
  cliFormat: "aws",
  parts: awsParts,
};
