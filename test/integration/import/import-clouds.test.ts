import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { ActualTarget } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { getDb } from "@/lib/db/client";
import { commitImport } from "@/lib/sync/import/commit-import";
import { getImport } from "@/lib/sync/import/get-import";
import { runImportJob } from "@/lib/sync/import/run-import-job";
import { startImport } from "@/lib/sync/import/start-import";
import { createTestIssuer, createTestWorkload } from "@/test/factories/catalog";
import { createTestUser } from "@/test/factories/users";
import {
  appTarget,
  fic,
  gcpGrant,
  providerTarget,
  roleTarget,
  statementBinding,
} from "@/test/unit/import/discovered-fixtures";
import { fake } from "./fake-adapter";
import { createTestConnection } from "./import-support";

// Each cloud's awkward objects, from a reading shaped as its adapter returns
// it to catalogue rows the real create use-cases accept.

vi.mock("@/lib/clouds/adapters", async () => {
  const support = await import("./fake-adapter");
  return { cloudAdapter: support.fakeAdapter };
});
vi.mock("@/lib/connections/open-connection", () => ({
  openConnection: async (_db: unknown, id: string) => ({ id }),
}));
vi.mock("@/lib/jobs/enqueue", () => ({ enqueueJob: async () => "job" }));

let actor: Actor;
const appSubject = "repo:contoso/app:environment:production";

beforeAll(async () => {
  actor = (await createTestUser({ role: "operator" })).actor;
  // The workload a pattern, an expression or a principalSet is attached to.
  await createTestWorkload({
    issuer: await createTestIssuer("github-actions"),
    name: "contoso app production",
    subjectSpec: {
      kind: "github",
      owner: "contoso",
      repo: "app",
      trigger: "environment",
      name: "production",
    },
  });
});

async function importAll(cloud: Cloud, targets: ActualTarget[]) {
  fake.discover.mockReset();
  fake.discover.mockResolvedValue({ targets, errors: [] });
  const connection = await createTestConnection(cloud);
  const run = await startImport({ actor, requestId: randomUUID(), connectionId: connection.id });
  await runImportJob({ runId: run.id });
  const view = await getImport({ actor, runId: run.id, query: { limit: 100 } });
  const select = view.data.flatMap((target) =>
    target.bindings.filter((binding) => binding.selectable).map((binding) => binding.id),
  );
  const result = await commitImport({
    actor,
    requestId: randomUUID(),
    runId: run.id,
    input: { select },
  });
  return { view, result };
}

const bindingsNamed = (names: string[]) =>
  getDb().binding.findMany({
    where: { name: { in: names } },
    orderBy: { name: "asc" },
    select: {
      name: true,
      spec: true,
      subject: true,
      owned: true,
      syncState: true,
      workload: { select: { name: true } },
    },
  });

describe("importing each cloud's objects", () => {
  it("imports an Azure flexible credential as an expression binding on the workload it admits", async () => {
    const expression = "claims['sub'] matches 'repo:contoso/app:*'";
    const { result } = await importAll("azure", [appTarget([fic("flex-app", { expression })])]);
    expect(result.created.bindings).toBe(1);
    const [binding] = await bindingsNamed(["flex-app"]);
    expect(binding).toMatchObject({
      subject: expression,
      owned: true,
      syncState: "in_sync",
      workload: { name: "contoso app production" },
      spec: { claimsMatchingExpression: { value: expression, languageVersion: 1 } },
    });
  });

  it("imports each statement of a multi-statement trust policy and leaves the foreign one out", async () => {
    const { view, result } = await importAll("aws", [
      roleTarget(
        "deploy-prod",
        [
          statementBinding("GithubProd", "StringEquals", appSubject),
          statementBinding("GithubAnyRun", "StringLike", "repo:contoso/app:*"),
        ],
        [
          {
            key: "AccountTrust",
            description: "Trusts the AWS account 210987654321",
            cloudObject: {},
          },
        ],
      ),
    ]);
    expect(view.data[0]?.foreign).toHaveLength(1);
    expect(result.created).toMatchObject({ targets: 1, bindings: 2, workloads: 0, issuers: 0 });
    const rows = await bindingsNamed(["GithubAnyRun", "GithubProd"]);
    expect(rows.map((row) => [row.name, row.subject, row.workload.name])).toEqual([
      ["GithubAnyRun", "repo:contoso/app:*", "contoso app production"],
      ["GithubProd", appSubject, "contoso app production"],
    ]);
    expect(rows[1]?.spec).toMatchObject({ mode: "raw", statement: { Sid: "GithubProd" } });
    const statements = await getDb().binding.count({ where: { target: { name: "deploy-prod" } } });
    expect(statements).toBe(2);
  });

  it("imports a GCP principalSet grant and a subject grant with the members IAM holds", async () => {
    const set = gcpGrant("repo-app", "attribute.repository/contoso/app");
    const one = gcpGrant("web-main", "repo:contoso/web:ref:refs/heads/main");
    const { result } = await importAll("gcp", [providerTarget([set, one])]);
    expect(result.created).toMatchObject({ bindings: 2, workloads: 1, targets: 1 });
    const rows = await bindingsNamed(["repo-app", "web-main"]);
    expect(rows[0]).toMatchObject({
      workload: { name: "contoso app production" },
      spec: { memberKind: "attribute", member: (set.spec as { member: string }).member },
    });
    expect(rows[1]).toMatchObject({
      workload: { name: "repo:contoso/web:ref:refs/heads/main" },
      spec: { memberKind: "subject", member: (one.spec as { member: string }).member },
    });
  });
});
