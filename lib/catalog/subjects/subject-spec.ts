import { z } from "zod";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { buildFreeSubject, ZFreeSubjectSpec } from "@/lib/catalog/subjects/free";
import { buildGithubSubject, ZGithubSubjectSpec } from "@/lib/catalog/subjects/github";
import { buildGitlabSubject, ZGitlabSubjectSpec } from "@/lib/catalog/subjects/gitlab";
import { buildKubernetesSubject, ZKubernetesSubjectSpec } from "@/lib/catalog/subjects/kubernetes";
import { buildTerraformSubject, ZTerraformSubjectSpec } from "@/lib/catalog/subjects/terraform";

// How a workload's `sub` is described: built from parts for issuers with a
// documented format (CLOUDS.md §4), typed as-is for the others.

/** Entra's limit for a FIC subject (CLOUDS.md 1.5), the tightest of the three clouds. */
export const maxSubjectLength = 600;

export const subjectSpecKinds = ["github", "gitlab", "kubernetes", "terraform", "free"] as const;
export type SubjectSpecKind = (typeof subjectSpecKinds)[number];

export const ZSubject = z
  .string()
  .min(1, "is required")
  .max(
    maxSubjectLength,
    `must be at most ${maxSubjectLength} characters (Entra's limit for a subject)`,
  );

function subjectTooLongMessage(length: number): string {
  return `the subject would be ${length} characters; Entra refuses subjects over ${maxSubjectLength}`;
}

export const ZSubjectSpec = z
  .discriminatedUnion(
    "kind",
    [
      ZGithubSubjectSpec,
      ZGitlabSubjectSpec,
      ZKubernetesSubjectSpec,
      ZTerraformSubjectSpec,
      ZFreeSubjectSpec,
    ],
    { error: `must be one of: ${subjectSpecKinds.join(", ")}` },
  )
  .superRefine((spec, ctx) => {
    if (spec.kind === "free") return;
    let length: number;
    try {
      length = subjectFor(spec).length;
    } catch {
      return; // a part is missing; its own issue already says which
    }
    if (length > maxSubjectLength) {
      ctx.addIssue({ code: "custom", path: [], message: subjectTooLongMessage(length) });
    }
  });
export type TSubjectSpec = z.infer<typeof ZSubjectSpec>;

export function subjectSpecKindFor(issuerKind: IssuerKind): SubjectSpecKind {
  switch (issuerKind) {
    case "github-actions":
      return "github";
    case "gitlab":
      return "gitlab";
    case "kubernetes-aks":
    case "kubernetes-eks":
    case "kubernetes-gke":
    case "kubernetes-other":
      return "kubernetes";
    case "terraform-cloud":
      return "terraform";
    default:
      return "free";
  }
}

function subjectFor(spec: TSubjectSpec): string {
  switch (spec.kind) {
    case "github":
      return buildGithubSubject(spec);
    case "gitlab":
      return buildGitlabSubject(spec);
    case "kubernetes":
      return buildKubernetesSubject(spec);
    case "terraform":
      return buildTerraformSubject(spec);
    case "free":
      return buildFreeSubject(spec);
  }
}

/**
 * The `sub` the workload's tokens carry. Throws when the spec did not come
 * through ZSubjectSpec and builds something no cloud would store.
 */
export function buildSubject(spec: TSubjectSpec): string {
  const subject = subjectFor(spec);
  if (subject.length > maxSubjectLength) throw new Error(subjectTooLongMessage(subject.length));
  return subject;
}
