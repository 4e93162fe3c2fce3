import { describe, expect, it } from "vitest";
import { parseSubject } from "@/lib/catalog/subjects/parse-subject";
import { buildSubject } from "@/lib/catalog/subjects/subject-spec";

describe("parseSubject", () => {
  it.each([
    ["github", "repo:octo/app:environment:prod"],
    ["github", "repo:octo/app:pull_request"],
    ["github", "repo:octo/app:ref:refs/heads/release/1.x"],
    ["github", "repo:octo/app:ref:refs/tags/v1"],
    ["github", "repo:octo/app:environment:a%3Ab"],
    ["gitlab", "project_path:group/project:ref_type:tag:ref:v2"],
    ["kubernetes", "system:serviceaccount:default:builder"],
    ["terraform", "organization:acme:project:Default Project:workspace:core:run_phase:plan"],
    ["free", "anything at all"],
  ] as const)("reads a %s subject the builder gives back byte for byte: %s", (kind, subject) => {
    const spec = parseSubject(kind, subject);
    expect(spec?.kind).toBe(kind);
    expect(spec && buildSubject(spec)).toBe(subject);
  });

  it.each([
    ["github", "repo:octo/app:job_workflow_ref:octo/wf@refs/heads/main"],
    ["github", "repo:octo/*:ref:refs/heads/main"],
    ["github", "repository_owner:octo"],
    ["gitlab", "project_id:42:ref_type:branch:ref:main"],
    ["gitlab", "project_path:single:ref_type:branch:ref:main"],
    ["kubernetes", "system:serviceaccount:Bad_NS:builder"],
    ["terraform", "organization:acme:workspace:core:run_phase:plan"],
    ["free", " padded "],
  ] as const)("returns null for a %s subject outside the format: %s", (kind, subject) => {
    expect(parseSubject(kind, subject)).toBeNull();
  });
});
