import { z } from "zod";

// GitLab CI ID token `sub` (CLOUDS.md §4 "GitLab CI", from
// https://docs.gitlab.com/ci/secrets/id_token_authentication):
// `project_path:{group}/{project}:ref_type:{branch|tag}:ref:{name}`, or led by
// `project_id` when the project sets ci_id_token_sub_claim_components.

// GitLab paths: letters, digits, '_', '-' and '.', not starting with '-';
// a project lives in a group, so there are at least two segments.
const pathSegment = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;

const ZProjectPath = z
  .string()
  .max(255, "must be at most 255 characters")
  .refine(
    (value) =>
      value.split("/").length >= 2 && value.split("/").every((part) => pathSegment.test(part)),
    "must be the full project path, e.g. group/subgroup/project (letters, digits, '_', '-', '.')",
  );

// Refs are bare Git ref names (no refs/heads/): Git forbids whitespace, ':' and '..'.
const ZRef = z
  .string()
  .min(1, "is required")
  .max(255, "must be at most 255 characters")
  .refine((value) => !/\s/.test(value), "must not contain spaces or line breaks")
  .refine((value) => !value.includes(".."), "must not contain '..'")
  .refine((value) => !value.includes(":"), "must not contain ':' (Git forbids it in ref names)")
  .refine(
    (value) => !value.startsWith("refs/"),
    "GitLab puts the bare name in sub: drop the refs/heads/ or refs/tags/ prefix",
  );

export const ZGitlabSubjectSpec = z
  .object({
    kind: z.literal("gitlab"),
    form: z.enum(["project_path", "project_id"], {
      message: "must be one of: project_path, project_id",
    }),
    projectPath: ZProjectPath,
    projectId: z
      .string()
      .regex(/^\d{1,20}$/, "must be the numeric project id")
      .optional(),
    refType: z.enum(["branch", "tag"], { message: "must be one of: branch, tag" }),
    ref: ZRef,
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.form === "project_id" && !spec.projectId) {
      ctx.addIssue({
        code: "custom",
        path: ["projectId"],
        message: "is required when the subject leads with project_id",
      });
    }
  });
export type TGitlabSubjectSpec = z.infer<typeof ZGitlabSubjectSpec>;

export function buildGitlabSubject(spec: TGitlabSubjectSpec): string {
  const project =
    spec.form === "project_id"
      ? `project_id:${spec.projectId ?? ""}`
      : `project_path:${spec.projectPath}`;
  return `${project}:ref_type:${spec.refType}:ref:${spec.ref}`;
}
