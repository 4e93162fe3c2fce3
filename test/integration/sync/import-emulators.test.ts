// Import end to end: a connection row with a stored secret, the real adapter
// discovering through the real SDK clients against each cloud's emulator,
// the import job, the proposals, the commit into catalogue rows; then drift
// over what was imported must find it in sync (adapters, import and drift
// agree on the cloud objects), and a second import finds it catalogued.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { principalSetForAttribute } from "@/lib/clouds/gcp/principals";
import type { Cloud } from "@/lib/clouds/types";
import { getDb } from "@/lib/db/client";
import { getTargetDrift } from "@/lib/sync/drift/get-target-drift";
import { runDriftJob } from "@/lib/sync/drift/run-drift-job";
import { commitImport } from "@/lib/sync/import/commit-import";
import type { TImportCommitResult, TImportView } from "@/lib/sync/import/import-schemas";
import { createTestWorkload } from "@/test/factories/catalog";
import {
  APP_PATTERN,
  awsEstate,
  azureEstate,
  FLEXIBLE,
  GCP_POOL,
  gcpEstate,
  type ImportEstate,
  readImport,
  WEB_SUBJECT,
} from "./import-estates";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const estates: ImportEstate[] = [azureEstate(), awsEstate(), gcpEstate()];

/** What each cloud's import must propose: targets and bindings by name, foreign objects by key. */
const expected: Record<Cloud, { targets: string[]; bindings: unknown[]; foreign: string[] }> = {
  azure: {
    targets: ["id-app", "web-app"],
    bindings: ["any-app-run", "gh-prod", "web-main"],
    foreign: [],
  },
  aws: {
    targets: ["deploy-app", "deploy-web"],
    bindings: ["GithubAnyRun", "GithubProd", "GithubWebMain"],
    foreign: ["Ec2"],
  },
  gcp: {
    targets: ["gh-actions"],
    // Named after the member, with a hash of the grant.
    bindings: [
      expect.stringMatching(/^attribute-repository-acme-app-[0-9a-f]{8}$/),
      expect.stringMatching(/^subject-repo-acme-web-ref-refs-heads-main-[0-9a-f]{8}$/),
    ],
    foreign: [],
  },
};

// The workload the operator already has; every pattern below admits it.
beforeAll(async () => {
  await createTestWorkload({
    name: "acme app prod",
    subjectSpec: {
      kind: "github",
      owner: "acme",
      repo: "app",
      trigger: "environment",
      name: "prod",
    },
  });
});

const proposedBindings = (view: TImportView) =>
  view.data.flatMap((target) => target.bindings).sort((a, b) => a.name.localeCompare(b.name));

/** The catalogue's rows for the connection's targets, bindings by name. */
async function importedRows(connectionId: string) {
  return getDb().binding.findMany({
    where: { target: { connectionId } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      spec: true,
      owned: true,
      syncState: true,
      drift: true,
      syncCheckedAt: true,
      targetId: true,
      workload: { select: { name: true } },
    },
  });
}

describe.each(estates)("import from the $cloud emulator", (estate) => {
  const live = {} as { connectionId: string; first: TImportView; committed: TImportCommitResult };
  const want = expected[estate.cloud];

  beforeAll(async () => {
    await estate.start();
    const admin = env.admin();
    live.connectionId = await estate.connect(admin);
    live.first = await readImport(admin, live.connectionId);
    const select = proposedBindings(live.first)
      .filter((binding) => binding.selectable)
      .map((binding) => binding.id);
    live.committed = await commitImport({
      ...caller(admin),
      runId: live.first.run.id,
      input: { select },
    });
  });
  afterAll(() => estate.stop());

  it("proposes every trust the cloud holds as new, and shows what it will not import", () => {
    expect(live.first.run.status).toBe("ready");
    expect(live.first.readErrors).toEqual([]);
    expect(live.first.data.map((target) => [target.name, target.status]).sort()).toEqual(
      want.targets.map((name) => [name, "new"]),
    );
    const bindings = proposedBindings(live.first);
    expect(bindings.map((binding) => binding.name)).toEqual(want.bindings);
    expect(bindings.every((binding) => binding.status === "new" && binding.selectable)).toBe(true);
    expect(live.first.data.flatMap((target) => target.foreign.map((f) => f.key))).toEqual(
      want.foreign,
    );
  });

  it("commits them as owned, in-sync bindings on targets linked to the connection", async () => {
    expect(live.committed.run.status).toBe("imported");
    expect(live.committed.created).toMatchObject({
      targets: want.targets.length,
      bindings: want.bindings.length,
      issuers: 0,
    });
    // The app's trusts land on the workload the operator had; the web's
    // subject gets one workload, made by the first import that met it.
    const web = await getDb().workload.findMany({
      where: { subject: WEB_SUBJECT },
      select: { name: true },
    });
    expect(web).toHaveLength(1);
    const rows = await importedRows(live.connectionId);
    expect(rows.map((row) => row.name)).toEqual(want.bindings);
    expect(rows.every((row) => row.owned && row.syncState === "in_sync")).toBe(true);
    expect(new Set(rows.map((row) => row.workload.name))).toEqual(
      new Set(["acme app prod", web[0]?.name]),
    );
    const targets = await getDb().cloudTarget.findMany({
      where: { connectionId: live.connectionId },
      select: { name: true },
    });
    expect(targets.map((target) => target.name).sort()).toEqual(want.targets);
  });

  it("then finds everything in sync: a drift check right after import changes no binding", async () => {
    const rows = await importedRows(live.connectionId);
    const targetIds = [...new Set(rows.map((row) => row.targetId))];
    const bindingEvents = () =>
      getDb().auditEvent.count({
        where: {
          action: "drift.change",
          entityType: "binding",
          entityId: { in: rows.map((r) => r.id) },
        },
      });
    const eventsBefore = await bindingEvents();
    for (const targetId of targetIds) await runDriftJob({ targetId, reason: "manual" });

    const checked = await importedRows(live.connectionId);
    expect(checked.map((row) => [row.name, row.syncState, row.drift])).toEqual(
      rows.map((row) => [row.name, "in_sync", null]),
    );
    expect(checked.every((row) => row.syncCheckedAt !== null)).toBe(true);
    expect(await bindingEvents()).toBe(eventsBefore);
    const reports = await Promise.all(targetIds.map((targetId) => getTargetDrift({ targetId })));
    expect(reports.map((report) => [report.read, report.unmanaged])).toEqual(
      reports.map(() => ["found", []]),
    );
    expect(reports.flatMap((report) => report.foreign.map((f) => f.key))).toEqual(want.foreign);
  });

  it("finds them all already catalogued on a second import", async () => {
    const second = await readImport(env.admin(), live.connectionId);
    expect(second.run.status).toBe("ready");
    expect(second.data.map((target) => target.status)).toEqual(
      want.targets.map(() => "catalogued"),
    );
    const bindings = proposedBindings(second);
    expect(bindings.map((binding) => [binding.name, binding.status, binding.diff])).toEqual(
      want.bindings.map((name) => [name, "catalogued", []]),
    );
    expect(bindings.every((binding) => binding.catalogueBindingId !== null)).toBe(true);
  });

  it("imports each cloud's awkward object as the catalogue holds it", async () => {
    const rows = await importedRows(live.connectionId);
    const byName = (pattern: RegExp) => rows.find((row) => pattern.test(row.name));
    switch (estate.cloud) {
      case "azure":
        // A flexible credential: an expression, attached to the workload it admits.
        expect(byName(/^any-app-run$/)).toMatchObject({
          spec: { claimsMatchingExpression: FLEXIBLE },
          workload: { name: "acme app prod" },
        });
        expect((byName(/^any-app-run$/)?.spec as { subject?: string }).subject).toBeUndefined();
        break;
      case "aws": {
        // Two statements of one policy, two bindings; the EC2 statement is not one.
        const appRole = rows.filter((row) => row.targetId === byName(/^GithubProd$/)?.targetId);
        expect(appRole.map((row) => row.name)).toEqual(["GithubAnyRun", "GithubProd"]);
        expect(JSON.stringify(byName(/^GithubAnyRun$/)?.spec)).toContain(APP_PATTERN);
        expect(byName(/^GithubAnyRun$/)?.workload.name).toBe("acme app prod");
        break;
      }
      case "gcp":
        expect(byName(/^attribute-/)).toMatchObject({
          spec: {
            memberKind: "attribute",
            attributeName: "repository",
            attributeValue: "acme/app",
            member: principalSetForAttribute(GCP_POOL, "repository", "acme/app"),
          },
          workload: { name: "acme app prod" },
        });
        break;
    }
  });
});
