import { z } from "zod";

// Identifiers of Workload Identity Federation resources (CLOUDS.md 3.1, from
// the pools.create / providers.create REST reference).

export const projectIdNotNumberMessage =
  "this looks like a project ID; Workload Identity Federation needs the project NUMBER (gcloud projects describe <id> --format='value(projectNumber)')";

// Resource names and audiences use the project number; a project ID does not
// work there (CLOUDS.md 3.2, google-github-actions/auth TROUBLESHOOTING).
export const ZGcpProjectNumber = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (/^\d{1,20}$/.test(value)) return;
    if (/[A-Za-z-]/.test(value)) {
      ctx.addIssue({ code: "custom", message: projectIdNotNumberMessage });
    } else {
      ctx.addIssue({ code: "custom", message: "must be the project number: 1-20 digits" });
    }
  });

// Pool and provider IDs: 4-32 characters of [a-z0-9-]; the prefix `gcp-` is
// reserved for Google.
function workloadIdentityId(what: "pool" | "provider") {
  return z
    .string()
    .trim()
    .min(4, `a ${what} ID has 4-32 characters`)
    .max(32, `a ${what} ID has 4-32 characters`)
    .regex(/^[a-z0-9-]*$/, `a ${what} ID uses only lower-case letters, digits and '-'`)
    .refine(
      (value) => !value.startsWith("gcp-"),
      `Google reserves the prefix gcp- and refuses ${what} IDs that start with it`,
    );
}

export const ZPoolId = workloadIdentityId("pool");
export const ZProviderId = workloadIdentityId("provider");

// Usually <name>@<project>.iam.gserviceaccount.com; default service accounts
// (e.g. <number>-compute@developer.gserviceaccount.com) are also emails.
export const ZServiceAccountEmail = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(
    z.email({
      message: "must be a service account email, e.g. name@project.iam.gserviceaccount.com",
    }),
  );

export const workloadIdentityUserRole = "roles/iam.workloadIdentityUser";

// Predefined roles are roles/<name>; custom roles live under a project or an organization.
export const ZGcpRole = z
  .string()
  .trim()
  .regex(
    /^(?:roles|projects\/[a-z0-9-]+\/roles|organizations\/\d+\/roles)\/[A-Za-z0-9_.]{1,100}$/,
    `must be a role such as ${workloadIdentityUserRole}`,
  )
  .default(workloadIdentityUserRole);

// `gcloud iam workload-identity-pools providers describe` prints the provider's
// name relative to the IAM service (projects/N/locations/global/…); STS and
// the evaluate API use the full resource name, //iam.googleapis.com/ + that
// (CLOUDS.md 3.6). Either form is accepted; the full one is kept.
const relativeProviderName =
  /^projects\/[^/]+\/locations\/[^/]+\/workloadIdentityPools\/[^/]+\/providers\/[^/]+$/;

/** The provider's full resource name, from the full or the relative (gcloud) form. */
export function fullProviderName(text: string): string {
  return relativeProviderName.test(text) ? `//iam.googleapis.com/${text}` : text;
}
