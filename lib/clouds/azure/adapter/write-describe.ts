import type {
  CatalogTargetRef,
  ChangeDescription,
  PlannedChange,
} from "@/lib/clouds/adapter-types";
import { ZAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { uamiResourceId } from "@/lib/clouds/azure/ids";
import { ZAzureAppConfig, ZAzureUamiConfig } from "@/lib/clouds/azure/target-config";

// The call a change makes, in the operator's words, with the object it touches.

/** The credential's spec: the desired one, or for a delete the one the cloud holds. */
export function changeSpec(change: PlannedChange) {
  return ZAzureBindingSpec.parse(change.op === "delete" ? change.actual.spec : change.desired.spec);
}

function armCall(change: PlannedChange, name: string, identityId: string): string {
  const flexible = change.op !== "delete" && changeSpec(change).claimsMatchingExpression;
  const verb = change.op === "delete" ? "delete" : "createOrUpdate";
  const version = flexible ? " (preview API 2025-01-31-preview, flexible credential)" : "";
  return `${verb} federated identity credential ${name} on identity ${identityId}${version}`;
}

function graphCall(change: PlannedChange, name: string, objectId: string): string {
  const flexible = change.op !== "delete" && changeSpec(change).claimsMatchingExpression;
  const api = flexible ? "Microsoft Graph beta, flexible credential" : "Microsoft Graph v1.0";
  const verb = { create: "POST (create)", update: "PATCH (update)", delete: "DELETE" }[change.op];
  return `${verb} federated identity credential ${name} on app registration ${objectId} (${api})`;
}

export function describeAzureChange(
  target: CatalogTargetRef,
  change: PlannedChange,
): ChangeDescription {
  const { name } = changeSpec(change);
  const call =
    target.kind === "azure-uami"
      ? armCall(change, name, uamiResourceId(ZAzureUamiConfig.parse(target.config)))
      : graphCall(change, name, ZAzureAppConfig.parse(target.config).applicationObjectId);
  return {
    call,
    before: change.op === "create" ? null : change.actual.cloudObject,
    after: change.op === "delete" ? null : change.desired.cloudObject,
  };
}
