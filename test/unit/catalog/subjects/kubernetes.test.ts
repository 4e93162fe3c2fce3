import { describe, expect, it } from "vitest";
import { buildKubernetesSubject, ZKubernetesSubjectSpec } from "@/lib/catalog/subjects/kubernetes";

const namespaceMessage =
  "namespace: must be a namespace name: lower-case letters, digits and '-', starting and ending with a letter or digit";
const serviceAccountMessage =
  "serviceAccount: must be a service account name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";

function issuesOf(input: Record<string, unknown>): string[] {
  const result = ZKubernetesSubjectSpec.safeParse({
    kind: "kubernetes",
    namespace: "wkldid",
    serviceAccount: "sawkldid",
    ...input,
  });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("buildKubernetesSubject", () => {
  it.each<[namespace: string, serviceAccount: string, subject: string]>([
    ["wkldid", "sawkldid", "system:serviceaccount:wkldid:sawkldid"],
    ["kube-system", "build.bot-1", "system:serviceaccount:kube-system:build.bot-1"],
  ])("builds the subject for %s/%s", (namespace, serviceAccount, subject) => {
    const spec = ZKubernetesSubjectSpec.parse({ kind: "kubernetes", namespace, serviceAccount });
    expect(buildKubernetesSubject(spec)).toBe(subject);
  });
});

describe("ZKubernetesSubjectSpec", () => {
  it.each<[label: string, input: Record<string, unknown>, issues: string[]]>([
    ["an upper-case namespace", { namespace: "Prod" }, [namespaceMessage]],
    ["a namespace with a dot", { namespace: "a.b" }, [namespaceMessage]],
    ["a namespace ending with '-'", { namespace: "prod-" }, [namespaceMessage]],
    [
      "a namespace of 64 characters",
      { namespace: "a".repeat(64) },
      ["namespace: must be at most 63 characters"],
    ],
    ["a service account with '_'", { serviceAccount: "my_sa" }, [serviceAccountMessage]],
    ["a service account with an empty label", { serviceAccount: "a..b" }, [serviceAccountMessage]],
    [
      "a service account of 254 characters",
      { serviceAccount: "a".repeat(254) },
      ["serviceAccount: must be at most 253 characters"],
    ],
  ])("refuses %s", (_label, input, issues) => {
    expect(issuesOf(input)).toEqual(issues);
  });

  it("accepts a namespace of 63 characters", () => {
    expect(issuesOf({ namespace: "a".repeat(63) })).toEqual([]);
  });
});
