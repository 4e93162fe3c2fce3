import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import type { TrustPolicyDocument } from "@/lib/clouds/aws/trust-policy";
import { hclAttributes, hclFromJson, hclRaw, hclValue } from "@/lib/sync/export/hcl";
import { shellCommand, shellFlags } from "@/lib/sync/export/shell";
import type { CloudExporter, ExportSource } from "@/lib/sync/export/export-types";
import { renderCommands, renderTerraform, type ExportPart } from "@/lib/sync/export/render-parts";

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

/** The provider, unless it is built in (Google, Cognito: no IAM object, CLOUDS.md 2.1). */
function providerPart(object: AwsObject): ExportPart {
  if (!object.providerArn.startsWith("arn:")) return { resources: [], commands: () => [] };
  return {
    resources: [
      {
        // registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_openid_connect_provider
        type: "aws_iam_openid_connect_provider",
        name: object.providerUrl.replace(/^https:\/\//, ""),
        items: hclAttributes([
          ["url", object.providerUrl],
          ["client_id_list", object.clientIds],
          ["thumbprint_list", object.thumbprints.length > 0 ? object.thumbprints : undefined],
        ]),
      },
    ],
    commands: () => [
      shellCommand(
        ["aws", "iam", "create-open-id-connect-provider"],
        shellFlags([
          ["--url", object.providerUrl],
          [
            "--client-id-list",
            object.clientIds.length > 0 ? jsonList(object.clientIds) : undefined,
          ],
          [
            "--thumbprint-list",
            object.thumbprints.length > 0 ? jsonList(object.thumbprints) : undefined,
          ],
        ]),
      ),
    ],
  };
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
  const byProvider = new Map(objects.map((object) => [object.providerUrl, object]));
  // Every binding's object carries the role's whole policy, siblings included.
  const policy = objects[0]?.trustPolicy;
  return [
    ...[...byProvider.values()].map(providerPart),
    ...(policy ? [rolePart(source.target.config as TAwsRoleConfig, policy)] : []),
  ];
}

export const awsExporter: CloudExporter = {
  cliFormat: "aws",
  terraform: (source) => renderTerraform(source, awsParts(source)),
  commands: (source) => renderCommands(source, awsParts(source)),
};
