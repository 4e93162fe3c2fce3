import { z } from "zod";

// GitHub Actions `sub` (CLOUDS.md §4 "GitHub Actions", from GitHub's OIDC
// reference https://docs.github.com/en/actions/reference/security/oidc).

export const githubTriggers = ["branch", "tag", "environment", "pull_request"] as const;
export type GithubTrigger = (typeof githubTriggers)[number];

const ZDigits = z.string().regex(/^\d{1,20}$/, "must be the numeric id (digits only)");

// Branch and tag names are Git refs: no whitespace and no "..", and GitHub
// keeps them to 255 characters.
const ZRefName = z
  .string()
  .max(255, "must be at most 255 characters")
  .refine((value) => !/\s/.test(value), "must not contain spaces or line breaks")
  .refine((value) => !value.includes(".."), "must not contain '..'");

const claimKeyPattern = /^[A-Za-z0-9_]{1,100}$/;

// Environment names are not refs: GitHub only limits them to 255 characters.
const ZEnvironmentName = z
  .string()
  .max(255, "must be at most 255 characters")
  .refine((value) => value.trim() === value, "must not start or end with spaces");

export const ZGithubSubjectSpec = z
  .object({
    kind: z.literal("github"),
    owner: z
      .string()
      .regex(
        /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/,
        "must be a GitHub user or organization name: up to 39 letters, digits or '-', not starting with '-'",
      ),
    repo: z
      .string()
      .regex(
        /^[A-Za-z0-9._-]{1,100}$/,
        "must be a repository name: up to 100 letters, digits, '.', '_' or '-'",
      ),
    trigger: z.enum(githubTriggers, {
      message: `must be one of: ${githubTriggers.join(", ")}`,
    }),
    name: z.string().optional(),
    immutable: z.object({ ownerId: ZDigits, repoId: ZDigits }).strict().nullable().optional(),
    // GitHub's include_claim_keys: unique keys of letters, digits and '_'.
    claimKeys: z
      .array(z.string().regex(claimKeyPattern, "claim keys use letters, digits and '_' only"))
      .min(1, "list at least one claim key, or use GitHub's default template")
      .max(50, "at most 50 claim keys")
      .refine((keys) => new Set(keys).size === keys.length, "claim keys must be unique")
      .nullable()
      .optional(),
    claimValues: z
      .record(
        z.string(),
        z.string().min(1, "is required").max(600, "must be at most 600 characters"),
      )
      .optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.trigger !== "pull_request") {
      const parsed = (spec.trigger === "environment" ? ZEnvironmentName : ZRefName).safeParse(
        spec.name ?? "",
      );
      if (!spec.name) {
        ctx.addIssue({
          code: "custom",
          path: ["name"],
          message: `name the ${spec.trigger}`,
        });
      } else if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: "custom", path: ["name"], message: issue.message });
        }
      }
    }
    for (const key of spec.claimKeys ?? []) {
      if (!claimKeyPattern.test(key)) continue; // already reported under claimKeys
      if (key !== "repo" && key !== "context" && !spec.claimValues?.[key]) {
        ctx.addIssue({
          code: "custom",
          path: ["claimValues", key],
          message: `the template includes "${key}": give the value the token carries for it`,
        });
      }
    }
  })
  // A pull_request subject names no branch, tag or environment; a name left
  // over from another trigger would only mislead whoever reads the spec.
  .overwrite((spec) => {
    if (spec.trigger !== "pull_request" || spec.name === undefined) return spec;
    const { name: _name, ...rest } = spec;
    return rest;
  });
export type TGithubSubjectSpec = z.infer<typeof ZGithubSubjectSpec>;

/** GitHub escapes ':' inside claim values so the delimiter stays unambiguous (CLOUDS.md §4). */
export function escapeGithubClaimValue(value: string): string {
  return value.replaceAll(":", "%3A");
}

/** `OWNER/REPO`: the `repository` claim (GCP attribute.repository, AWS repository keys). */
export function githubRepository(spec: Pick<TGithubSubjectSpec, "owner" | "repo">): string {
  return `${spec.owner}/${spec.repo}`;
}

function repoClaim(spec: TGithubSubjectSpec): string {
  // Immutable subjects (2026): `repo:<owner>@<owner_id>/<repo>@<repo_id>` (CLOUDS.md §4).
  if (spec.immutable) {
    return `repo:${spec.owner}@${spec.immutable.ownerId}/${spec.repo}@${spec.immutable.repoId}`;
  }
  return `repo:${githubRepository(spec)}`;
}

// Precedence environment > pull_request > ref: a job that references an
// environment always gets the environment context, so the trigger chosen
// here is the one the job's token will carry.
function contextClaim(spec: TGithubSubjectSpec): string {
  const name = escapeGithubClaimValue(spec.name ?? "");
  switch (spec.trigger) {
    case "environment":
      return `environment:${name}`;
    case "pull_request":
      return "pull_request";
    case "branch":
      return `ref:refs/heads/${name}`;
    case "tag":
      return `ref:refs/tags/${name}`;
  }
}

/**
 * The `sub` GitHub puts in the token. With a custom `include_claim_keys`
 * template the whole `sub` is replaced: each key in order, `repo` and
 * `context` expanding to GitHub's own parts, every other key as `key:value`.
 */
export function buildGithubSubject(spec: TGithubSubjectSpec): string {
  if (!spec.claimKeys) return `${repoClaim(spec)}:${contextClaim(spec)}`;
  return spec.claimKeys
    .map((key) => {
      if (key === "repo") return repoClaim(spec);
      if (key === "context") return contextClaim(spec);
      const value = spec.claimValues?.[key];
      if (!value) throw new Error(`The subject template includes "${key}" but gives no value.`);
      return `${key}:${escapeGithubClaimValue(value)}`;
    })
    .join(":");
}
