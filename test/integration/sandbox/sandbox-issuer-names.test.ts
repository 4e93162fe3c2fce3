import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { sandboxIssuerName, sandboxIssuerUrl } from "@/lib/sandbox/sandbox-issuer";
import { sandboxWorkloads } from "@/lib/sandbox/sandbox-issuer-estate";
import { startSandbox } from "@/lib/sandbox/start-sandbox";
import type { MasterKeyring } from "@/lib/secrets/master-keyring";
import { createTestIssuer, createTestTarget } from "@/test/factories/catalog";
import { testKeyring } from "./sandbox-support";

// The Sandbox issuer's entries never take over the operator's own: a name
// already in use leaves the operator's row as it is, and the sandbox starts.

let keyring: MasterKeyring;
let dataDir: string;

beforeAll(async () => {
  keyring = await testKeyring();
  dataDir = await mkdtemp(path.join(tmpdir(), "fedlens-sandbox-names-"));
  await seedDemo();
});

afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("names the operator already uses", () => {
  it("starts without the Sandbox issuer's entries when an issuer of theirs holds its name", async () => {
    const theirs = await createTestIssuer("generic", { name: sandboxIssuerName });
    const sandbox = await startSandbox({ keyring, dataDir });
    await sandbox.close();
    expect(sandbox.issuer.catalogueId).toBeNull();
    expect(await getDb().issuer.count({ where: { issuerUrl: sandboxIssuerUrl } })).toBe(0);
    expect(await getDb().workload.count({ where: { name: sandboxWorkloads.report.name } })).toBe(0);
    await getDb().issuer.delete({ where: { id: theirs.id } });
  });

  it("adds no binding to a target of theirs that holds a Sandbox target's name", async () => {
    const theirs = await createTestTarget("aws-role", { name: "aws-sandbox-jobs" });
    const sandbox = await startSandbox({ keyring, dataDir });
    await sandbox.close();
    expect(sandbox.issuer.catalogueId).not.toBeNull();
    expect(await getDb().binding.count({ where: { targetId: theirs.id } })).toBe(0);
    const gcp = await getDb().cloudTarget.findUniqueOrThrow({
      where: { name: "gcp-sandbox-issuer" },
      select: { _count: { select: { bindings: true } } },
    });
    expect(gcp._count.bindings).toBe(2);
  });
});
