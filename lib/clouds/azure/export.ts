import { uamiResourceId } from "@/lib/clouds/azure/ids";
import type { TAzureAppConfig, TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { hclAttributes, hclFromJson } from "@/lib/sync/export/hcl";
import { shellCommand, shellFlags } from "@/lib/sync/export/shell";
import type { CloudExporter, ExportSource } from "@/lib/sync/export/export-types";
import type { ExportPart } from "@/lib/sync/export/render-parts";

// A federated identity credential as Terraform and az commands, from the
// object the catalogue shows (cloudCatalog("azure").cloudObject).

type Credential = {
  issuer: string;
  subject?: string;
  claimsMatchingExpression?: { value: string; languageVersion: number };
  audiences: string[];
};
type UamiObject = { id: string; name: string; properties: Credential };
type AppObject = Credential & { name: string; description?: string };

// CLOUDS.md 1.1: flexible credentials on a managed identity need the
// 2025-01-31-preview ARM API; plain ones use a stable version.
const flexibleApiVersion = "2025-01-31-preview";
const stableApiVersion = "2023-01-31";
const ficType = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";

// Azure CLI reads an argument that starts with '@' as a file name
// (learn.microsoft.com/cli/azure/use-azure-cli-successfully-quoting); such
// values go in a JSON body instead, where '@' is only a character.
const readsFile = (values: (string | undefined)[]) =>
  values.some((value) => value?.startsWith("@"));

/** `az rest`: the REST call itself, for what the dedicated commands cannot express. */
function azRest(method: "put" | "post", url: string, body: unknown): string {
  return shellCommand(
    ["az", "rest"],
    [
      { flag: "--method", value: method },
      { flag: "--url", value: url },
      { flag: "--body", value: JSON.stringify(body) },
    ],
  );
}

function uamiPart(config: TAzureUamiConfig, object: UamiObject): ExportPart {
  const parentId = uamiResourceId(config);
  const { properties } = object;
  const flexible = properties.claimsMatchingExpression !== undefined;
  const resource = flexible
    ? {
        // registry.terraform.io/providers/Azure/azapi/latest/docs/resources/resource
        type: "azapi_resource",
        items: hclAttributes([
          ["type", `${ficType}@${flexibleApiVersion}`],
          ["name", object.name],
          ["parent_id", parentId],
          // azapi's embedded schemas may not know the preview version yet.
          ["schema_validation_enabled", false],
          ["body", hclFromJson({ properties })],
        ]),
      }
    : {
        // registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/federated_identity_credential:
        // from azurerm 5.0 the identity is `user_assigned_identity_id`
        // (parent_id and resource_group_name are gone; the version is pinned).
        type: "azurerm_federated_identity_credential",
        items: hclAttributes([
          ["name", object.name],
          ["user_assigned_identity_id", parentId],
          ["audience", properties.audiences],
          ["issuer", properties.issuer],
          ["subject", properties.subject],
        ]),
      };
  const viaRest =
    flexible || readsFile([properties.subject, properties.issuer, ...properties.audiences]);
  const apiVersion = flexible ? flexibleApiVersion : stableApiVersion;
  const command = () =>
    viaRest
      ? azRest("put", `https://management.azure.com${object.id}?api-version=${apiVersion}`, {
          properties,
        })
      : shellCommand(
          ["az", "identity", "federated-credential", "create"],
          shellFlags([
            ["--name", object.name],
            ["--identity-name", config.identityName],
            ["--resource-group", config.resourceGroup],
            ["--subscription", config.subscriptionId],
            ["--issuer", properties.issuer],
            ["--subject", properties.subject],
            // Entra allows exactly one audience (CLOUDS.md 1.3).
            ["--audiences", properties.audiences[0]],
          ]),
        );
  return { resources: [{ ...resource, name: object.name }], commands: () => [command()] };
}

function appPart(config: TAzureAppConfig, object: AppObject): ExportPart {
  const applicationId = `/applications/${config.applicationObjectId}`;
  const expression = object.claimsMatchingExpression;
  const resource = expression
    ? {
        // registry.terraform.io/providers/hashicorp/azuread/latest/docs/resources/application_flexible_federated_identity_credential
        type: "azuread_application_flexible_federated_identity_credential",
        items: hclAttributes([
          ["application_id", applicationId],
          ["display_name", object.name],
          ["description", object.description],
          ["audience", object.audiences[0]],
          ["issuer", object.issuer],
          ["claims_matching_expression", expression.value],
        ]),
      }
    : {
        // registry.terraform.io/providers/hashicorp/azuread/latest/docs/resources/application_federated_identity_credential
        type: "azuread_application_federated_identity_credential",
        items: hclAttributes([
          ["application_id", applicationId],
          ["display_name", object.name],
          ["description", object.description],
          ["audiences", object.audiences],
          ["issuer", object.issuer],
          ["subject", object.subject],
        ]),
      };
  // CLOUDS.md 1.1: `az ad app federated-credential` requires a subject;
  // flexible credentials go to Graph's beta endpoint through `az rest`.
  const command = () =>
    expression
      ? azRest(
          "post",
          `https://graph.microsoft.com/beta/applications/${config.applicationObjectId}/federatedIdentityCredentials`,
          object,
        )
      : shellCommand(
          ["az", "ad", "app", "federated-credential", "create"],
          shellFlags([
            ["--id", config.applicationObjectId],
            ["--parameters", JSON.stringify(object)],
          ]),
        );
  return { resources: [{ ...resource, name: object.name }], commands: () => [command()] };
}

function azureParts(source: ExportSource): ExportPart[] {
  return source.bindings.map(({ cloudObject }) =>
    source.target.kind === "azure-uami"
      ? uamiPart(source.target.config as TAzureUamiConfig, cloudObject as UamiObject)
      : appPart(source.target.config as TAzureAppConfig, cloudObject as AppObject),
  );
}

export const azureExporter: CloudExporter = {
  cliFormat: "az",
  parts: azureParts,
};
