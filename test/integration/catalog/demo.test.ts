import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { demoBindings } from "@/lib/db/demo/demo-bindings";
import { seedDemo } from "@/lib/db/seed-demo";
import type { TBinding } from "@/lib/schemas/binding";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { getItem, ok } from "./catalog-api";

// The demo estate (issue 3 item 7) goes through the same use-cases as the
// console, so it loading completely proves every demo object passes the
// cloud rules; its risky bindings are there for the risk findings to come.

let viewerToken: string;
let first: Awaited<ReturnType<typeof seedDemo>>;

const counts = async () => ({
  issuers: await getDb().issuer.count(),
  workloads: await getDb().workload.count(),
  targets: await getDb().cloudTarget.count(),
  bindings: await getDb().binding.count(),
});

beforeAll(async () => {
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  first = await seedDemo();
});

/** Every demo binding as the API shows it, keyed by target and name (names repeat across targets). */
async function demoBindingsByName(): Promise<Map<string, TBinding>> {
  const rows = await getDb().binding.findMany({ select: { id: true } });
  const all = new Map<string, TBinding>();
  for (const row of rows) {
    const binding = await ok<TBinding>(await getItem("bindings", viewerToken, row.id));
    all.set(`${binding.target.name}/${binding.name}`, binding);
  }
  return all;
}

const risks = {
  noSub: (binding: TBinding) =>
    binding.warnings?.some(
      (warning) =>
        warning.path === "spec.statement.Condition" &&
        /^No condition on token\.actions\.githubusercontent\.com:sub, so STS does not check the subject/.test(
          warning.message,
        ),
    ),
  wholePool: (binding: TBinding) =>
    binding.warnings?.some(
      (warning) =>
        warning.path === "spec.memberKind" &&
        warning.message.startsWith("Every identity the provider admits can impersonate"),
    ),
  pullRequest: (binding: TBinding) =>
    binding.warnings?.some(
      (warning) =>
        warning.path === "spec.subject" &&
        warning.message.startsWith("Any pull-request run in the repository gets this identity"),
    ),
};

describe("demo estate", () => {
  it("loads completely: 6 issuers, 15 workloads, 10 targets and 29 bindings", async () => {
    const expected = { issuers: 6, workloads: 15, targets: 10, bindings: 29 };
    expect(first).toEqual(expected);
    expect(await counts()).toEqual(expected);
    expect(demoBindings).toHaveLength(29);
    const byCloud = await getDb().binding.groupBy({ by: ["cloud"], _count: true });
    expect(Object.fromEntries(byCloud.map((group) => [group.cloud, group._count]))).toEqual({
      azure: 13,
      aws: 8,
      gcp: 8,
    });
  });

  it("audits every object it creates", async () => {
    const events = await getDb().auditEvent.groupBy({
      by: ["action"],
      where: { actorLabel: "seed" },
      _count: true,
    });
    expect(Object.fromEntries(events.map((group) => [group.action, group._count]))).toEqual({
      "issuer.create": 6,
      "workload.create": 15,
      "target.create": 10,
      "binding.create": 29,
    });
  });

  it("adds nothing when run again", async () => {
    const before = await counts();
    const events = await getDb().auditEvent.count();
    expect(await seedDemo()).toEqual({ issuers: 0, workloads: 0, targets: 0, bindings: 0 });
    expect(await counts()).toEqual(before);
    expect(await getDb().auditEvent.count()).toBe(events);
  });

  it("carries the expected warnings on exactly its deliberately risky bindings", async () => {
    const all = await demoBindingsByName();
    expect(all.size).toBe(29);
    const flagged = (risk: (binding: TBinding) => boolean | undefined) =>
      [...all.entries()].filter(([, binding]) => risk(binding)).map(([key]) => key);
    expect(flagged(risks.noSub)).toEqual(["aws-legacy-ci/AnyGithubRepository"]);
    expect(flagged(risks.wholePool)).toEqual(["gcp-github/everyone-in-pool"]);
    expect(flagged(risks.pullRequest)).toEqual(["uami-payments-prod/payments-api-pull-requests"]);
    expect(all.get("gcp-github/everyone-in-pool")?.subject).toBe(
      "principalSet://iam.googleapis.com/projects/482915736104/locations/global/workloadIdentityPools/github-pool/*",
    );
  });

  it("shows every demo binding's cloud object", async () => {
    for (const binding of (await demoBindingsByName()).values()) {
      expect(binding.cloudObject, binding.name).toBeTruthy();
    }
  });
});
