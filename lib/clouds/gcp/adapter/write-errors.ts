import type { CloudError } from "@/lib/clouds/adapter-types";
import { explainGcpError } from "@/lib/clouds/gcp/adapter/explain";

// Write failures in plain words: the same mapping as reads (kind, Google's
// code and message), with the cause and the fix of the write that failed.
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/setIamPolicy
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers/patch
// https://cloud.google.com/iam/docs/understanding-roles#iam-roles (roles holding the permissions)

export type GcpWrite = "setIamPolicy" | "updateProvider" | "createProvider";

/** The least privilege each write needs (see the report / README). */
export const gcpWritePermissions: Record<
  GcpWrite,
  { permissions: string[]; role: string; on: string }
> = {
  setIamPolicy: {
    permissions: ["iam.serviceAccounts.getIamPolicy", "iam.serviceAccounts.setIamPolicy"],
    role: "roles/iam.serviceAccountAdmin",
    on: "each service account Fedlens grants access to",
  },
  updateProvider: {
    permissions: [
      "iam.workloadIdentityPoolProviders.get",
      "iam.workloadIdentityPoolProviders.update",
    ],
    role: "roles/iam.workloadIdentityPoolAdmin",
    on: "the project",
  },
  createProvider: {
    permissions: ["iam.workloadIdentityPoolProviders.create"],
    role: "roles/iam.workloadIdentityPoolAdmin",
    on: "the project (the pool must exist)",
  },
};

const what: Record<GcpWrite, string> = {
  setIamPolicy: "the service account's IAM policy",
  updateProvider: "the workload identity pool provider",
  createProvider: "the workload identity pool (to add the provider)",
};

function deniedFix(write: GcpWrite): string {
  const { permissions, role, on } = gcpWritePermissions[write];
  return `Grant the account Fedlens signs in as a custom role with ${permissions.join(" and ")} on ${on} (or ${role}, which holds more). Grants can take a few minutes to apply.`;
}

function advice(write: GcpWrite, error: CloudError): Pick<CloudError, "cause" | "fix"> | null {
  switch (error.code) {
    case "PERMISSION_DENIED": {
      const needed = gcpWritePermissions[write].permissions.join(" or ");
      return {
        cause: `The account Fedlens signs in as may not change ${what[write]}: it lacks ${needed}, or the object does not exist (Google answers both the same way).`,
        fix: deniedFix(write),
      };
    }
    case "INVALID_ARGUMENT":
      return write === "setIamPolicy"
        ? {
            cause:
              "Google refused the new policy: a member or role in it is not valid (a malformed principal, a pool that does not exist, a role a service account cannot grant).",
            fix: "Check the binding's principal (project number, pool ID, subject or attribute) and role, then plan again.",
          }
        : {
            cause:
              "Google refused the provider's new settings (attribute mapping, condition or audiences).",
            fix: "Correct the target's attribute mapping, condition or audiences, then plan again.",
          };
    case "FAILED_PRECONDITION":
      return {
        cause:
          write === "setIamPolicy"
            ? "Google cannot change this policy in its current state (the service account may be disabled or being deleted, or an organisation policy forbids the grant)."
            : "Google cannot change the provider in its current state: it (or its pool) is deleted, or an organisation policy forbids its settings.",
        fix: "Read Google's message above; undelete the object or ask your organisation's administrator, then plan again.",
      };
    case "RESOURCE_EXHAUSTED":
      return {
        cause: `Google throttled the change to ${what[write]}: the project's quota of IAM write requests is used up for now.`,
        fix: "Fedlens retries after the wait Google asks for; if this persists, apply fewer changes at once or raise the quota.",
      };
    case "ABORTED":
      return {
        cause: `Someone else kept changing ${what[write]} while Fedlens was writing it.`,
        fix: "Retry the change; Fedlens reads the object again first.",
      };
    default:
      return null;
  }
}

/** Maps a failed write, keeping the read mapping's kind, code and message. */
export function explainGcpWriteError(write: GcpWrite, object?: string) {
  return (error: unknown): CloudError => {
    const mapped = explainGcpError(error);
    return { ...mapped, ...advice(write, mapped), ...(object ? { object } : {}) };
  };
}
