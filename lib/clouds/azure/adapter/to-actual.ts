import type { ActualBinding, ActualTarget } from "@/lib/clouds/adapter-types";
import { ZAzureBindingSpec, type TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { uamiResourceId } from "@/lib/clouds/azure/ids";
import {
  azureAppIdentity,
  azureUamiIdentity,
  type TAzureAppConfig,
  type TAzureUamiConfig,
} from "@/lib/clouds/azure/target-config";
import type { FicFields } from "./responses";

// The clouds' objects in the catalogue's terms: a spec the catalogue accepts,
// and the cloud object in exactly the shape the catalogue shows for that spec
// (lib/clouds/azure/index.ts), built here from what the cloud returned so a
// drift check can diff the two.

const ficType = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";

/**
 * ARM compares resource names, FIC names included, case-insensitively
 * (https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules:
 * "resource names are case-insensitive unless noted"); Graph's FIC names get
 * the same rule here (its docs do not say), so the key is the name in lower case.
 */
export function ficKey(name: string): string {
  return name.toLowerCase();
}

function specInput(fields: FicFields) {
  const { name, issuer, audiences, subject, claimsMatchingExpression, description } = fields;
  return {
    cloud: "azure" as const,
    name,
    issuer,
    audiences,
    ...(subject != null ? { subject } : {}),
    ...(claimsMatchingExpression != null ? { claimsMatchingExpression } : {}),
    ...(description ? { description } : {}),
  };
}

function matchBody(spec: TAzureBindingSpec) {
  return spec.subject !== undefined
    ? { subject: spec.subject }
    : { claimsMatchingExpression: spec.claimsMatchingExpression };
}

/** Where a credential lives: a managed identity (ARM) or an app registration (Graph). */
export type FicHome =
  { kind: "azure-uami"; config: TAzureUamiConfig } | { kind: "azure-app"; config: TAzureAppConfig };
type Home = FicHome;

// ARM ids compare case-insensitively too: a spelling that differs only by case
// (ARM sometimes answers "resourcegroups") is not a change.
function armId(returned: string | undefined, expected: string): string {
  return returned && returned.toLowerCase() !== expected.toLowerCase() ? returned : expected;
}

function cloudObjectOf(spec: TAzureBindingSpec, home: Home, returnedId?: string) {
  if (home.kind === "azure-uami") {
    const expected = `${uamiResourceId(home.config)}/federatedIdentityCredentials/${spec.name}`;
    return {
      id: armId(returnedId, expected),
      name: spec.name,
      type: ficType,
      properties: { issuer: spec.issuer, ...matchBody(spec), audiences: spec.audiences },
    };
  }
  return {
    name: spec.name,
    issuer: spec.issuer,
    ...matchBody(spec),
    audiences: spec.audiences,
    ...(spec.description ? { description: spec.description } : {}),
  };
}

type Foreign = NonNullable<ActualTarget["foreign"]>[number];

/** One FIC as a binding, or as a foreign object when the catalogue cannot express it. */
export function toActualBinding(
  fields: FicFields & { id?: string },
  home: Home,
): { binding: ActualBinding } | { foreign: Foreign } {
  const parsed = ZAzureBindingSpec.safeParse(specInput(fields));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(" ")} ` : "";
    return {
      foreign: {
        key: ficKey(fields.name),
        description: `This federated credential cannot be kept as a binding: its ${where}${issue?.message ?? "shape is not supported"}.`,
        cloudObject: fields,
      },
    };
  }
  const spec = parsed.data;
  return {
    binding: { key: ficKey(spec.name), spec, cloudObject: cloudObjectOf(spec, home, fields.id) },
  };
}

/** A target and its credentials in the catalogue's terms. */
export function toActualTarget(
  home: Home,
  displayName: string,
  fics: (FicFields & { id?: string })[],
): ActualTarget {
  const bindings: ActualBinding[] = [];
  const foreign: Foreign[] = [];
  for (const fic of fics) {
    const result = toActualBinding(fic, home);
    if ("binding" in result) bindings.push(result.binding);
    else foreign.push(result.foreign);
  }
  const externalId =
    home.kind === "azure-uami"
      ? azureUamiIdentity(home.config).externalId
      : azureAppIdentity(home.config).externalId;
  return {
    kind: home.kind,
    config: home.config,
    externalId,
    displayName,
    bindings,
    ...(foreign.length ? { foreign } : {}),
  };
}
