import { commentHeader, stringsOf } from "@/lib/sync/export/comment";
import { hclBlock, hclString, resourceNamer, type HclItem } from "@/lib/sync/export/hcl";
import { UnquotableValueError } from "@/lib/sync/export/shell";

// Assembles a cloud's pieces into one file: a header saying what it holds,
// then Terraform resources (named uniquely) or shell commands.

export type ExportResource = { type: string; name: string; items: HclItem[] };

/** What one binding (or the target itself) contributes. Commands are built lazily: quoting can refuse. */
export type ExportPart = { resources: ExportResource[]; commands: () => string[] };

// The provider each resource type comes from, and a version where the
// generated syntax needs one (azapi 2 takes `body` as an HCL object; azurerm 5
// names the identity `user_assigned_identity_id`; azuread 3 takes
// `application_id` as /applications/{object id}).
const providers: { prefix: string; name: string; source: string; version?: string }[] = [
  { prefix: "azurerm_", name: "azurerm", source: "hashicorp/azurerm", version: ">= 5.0" },
  { prefix: "azuread_", name: "azuread", source: "hashicorp/azuread", version: ">= 3.0" },
  { prefix: "azapi_", name: "azapi", source: "Azure/azapi", version: ">= 2.0" },
  { prefix: "aws_", name: "aws", source: "hashicorp/aws" },
  { prefix: "google_", name: "google", source: "hashicorp/google" },
];

/** The file's opening comment: what it holds and how to use it (values that could hide characters are flagged). */
export function exportHeader(what: string, how: string, values: unknown[]): string {
  return commentHeader([`Exported by Fedlens: ${what}.`, how], stringsOf(values));
}

export const terraformHow = "Review it, then add it to your configuration and run terraform plan.";
export const commandsHow = "Review it, then run it where the CLI is signed in.";

const nothingToExport = "This target has no bindings yet, so there is nothing to create.";

/** One Terraform file; resource names are unique across every part (several targets share a plan's file). */
export function renderTerraform(top: string, parts: ExportPart[]): string {
  const resources = parts.flatMap((part) => part.resources);
  if (resources.length === 0) return `${top}\n# ${nothingToExport}\n`;
  const used = providers.filter((provider) =>
    resources.some((resource) => resource.type.startsWith(provider.prefix)),
  );
  const required = used
    .map((provider) => {
      const version = provider.version ? `, version = ${hclString(provider.version)}` : "";
      return `    ${provider.name} = { source = ${hclString(provider.source)}${version} }`;
    })
    .join("\n");
  const name = resourceNamer();
  const blocks = resources.map((resource) =>
    hclBlock("resource", [resource.type, name(resource.name)], resource.items),
  );
  return [top, `terraform {\n  required_providers {\n${required}\n  }\n}\n`, ...blocks].join("\n");
}

export function renderCommands(top: string, parts: ExportPart[]): string {
  try {
    const commands = parts.flatMap((part) => part.commands());
    if (commands.length === 0) return `${top}\n# ${nothingToExport}\n`;
    return `#!/bin/sh\nset -eu\n${top}\n\n${commands.join("\n\n")}\n`;
  } catch (error) {
    if (!(error instanceof UnquotableValueError)) throw error;
    return `${top}\n# Not exported as commands: ${error.message}. Use the Terraform export instead.\n`;
  }
}
