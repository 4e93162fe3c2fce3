// The trust map page at scale (issue 15 item 3): with Chromium, the time
// from navigation to a laid-out graph at 50, 500 and 5,000 nodes, and the
// ratio 5,000 / 50 against the goal of ≤ 10×. Runs the production build
// (`npx next build` first) with `fedlens serve`, as the browser tests do, on
// a catalogue seeded in bulk. Prints; never asserts.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { resetEnvCache } from "@/lib/env";
import type { BenchReport } from "./support/bench";
import { formatTable } from "./support/measure";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const sizes = [50, 500, 5_000] as const;
const runsPerSize = 5;
const goalRatio = 10;
const githubUrl = "https://token.actions.githubusercontent.com";

type Shape = { issuers: number; workloads: number; targets: number };

/** n nodes: 2% issuers, 30% targets, the rest workloads, one binding each. */
function shapeOf(nodes: number): Shape {
  const issuers = Math.max(1, Math.round(nodes * 0.02));
  const targets = Math.max(1, Math.round(nodes * 0.3));
  return { issuers, targets, workloads: nodes - issuers - targets };
}

/** Replaces the catalogue with `nodes` nodes, written in bulk (no audit events). */
export async function seedCatalogue(nodes: number): Promise<Shape> {
  const { getDb } = await import("@/lib/db/client");
  const { buildGithubSubject } = await import("@/lib/catalog/subjects/github");
  const { targetKindInfo } = await import("@/lib/clouds/registry");
  const db = getDb();
  await db.binding.deleteMany();
  await db.workload.deleteMany();
  await db.cloudTarget.deleteMany();
  await db.issuer.deleteMany();
  const shape = shapeOf(nodes);
  // GitHub Enterprise issuers: the default URL with the enterprise's slug.
  const issuers = Array.from({ length: shape.issuers }, (_, i) => ({
    id: randomUUID(),
    name: `GitHub enterprise ${i}`,
    issuerUrl: `${githubUrl}/enterprise-${i}`,
    kind: "github_actions" as const,
  }));
  const targets = Array.from({ length: shape.targets }, (_, i) => {
    const config = {
      tenantId: randomUUID(),
      subscriptionId: randomUUID(),
      resourceGroup: "rg-bench",
      identityName: `id-bench-${i}`,
      clientId: randomUUID(),
      principalId: randomUUID(),
    };
    const { externalId, scope } = targetKindInfo("azure-uami").identity(config);
    return {
      id: randomUUID(),
      name: `identity ${i}`,
      cloud: "azure" as const,
      kind: "azure_uami" as const,
      config,
      externalId,
      scope,
    };
  });
  const workloads = Array.from({ length: shape.workloads }, (_, i) => {
    const subjectSpec = {
      kind: "github" as const,
      owner: `team${i % 40}`,
      repo: `service-${i}`,
      trigger: "environment" as const,
      name: "production",
    };
    const issuer = issuers[i % issuers.length]!;
    return {
      id: randomUUID(),
      name: `service ${i}`,
      issuerId: issuer.id,
      issuerUrl: issuer.issuerUrl,
      subjectSpec,
      subject: buildGithubSubject(subjectSpec),
    };
  });
  // One FIC per workload; every tenth has a case slip in its subject (a broken trust).
  const bindings = workloads.map((workload, i) => {
    const subject =
      i % 10 === 0 ? workload.subject.replace("production", "Production") : workload.subject;
    const target = targets[i % targets.length]!;
    const spec = {
      cloud: "azure",
      name: `fic-${i}`,
      issuer: workload.issuerUrl,
      audiences: ["api://AzureADTokenExchange"],
      subject,
    };
    return {
      id: randomUUID(),
      workloadId: workload.id,
      targetId: target.id,
      cloud: "azure" as const,
      name: `fic-${i}`,
      spec,
      issuerUrl: workload.issuerUrl,
      subject,
    };
  });
  await db.issuer.createMany({ data: issuers });
  await db.cloudTarget.createMany({ data: targets });
  await db.workload.createMany({ data: workloads.map(({ issuerUrl: _url, ...row }) => row) });
  for (let start = 0; start < bindings.length; start += 1_000) {
    await db.binding.createMany({ data: bindings.slice(start, start + 1_000) });
  }
  return shape;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function startConsole(databaseUrl: string): Promise<{ baseURL: string; stop: () => void }> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "serve"],
    {
      cwd: root,
      detached: true,
      stdio: "ignore",
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")),
        ),
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        FEDLENS_PUBLIC_URL: baseURL,
        NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
        FEDLENS_DEMO_SEED: "off",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  const stop = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseURL}/sign-in`, { redirect: "manual" })).status < 500)
        return { baseURL, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stop();
  throw new Error("the console did not start within 120 s");
}

/** Navigation to the map until the drawing is laid out and its nodes are on screen. */
async function timeMap(page: Page): Promise<number> {
  const started = performance.now();
  await page.goto("/map");
  await page.waitForFunction(
    () =>
      document.querySelector('[aria-label="Trust map drawing"][aria-busy="false"]') !== null &&
      document.querySelector('[aria-label="Trust map drawing"] .react-flow__node') !== null,
    undefined,
    { timeout: 120_000, polling: "raf" },
  );
  return performance.now() - started;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function run(): Promise<BenchReport> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build in .next: run `npx next build` before this benchmark.");
  }
  process.env.LOG_LEVEL = "silent";
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("hex");
  process.env.FEDLENS_PUBLIC_URL = "http://localhost:3000";
  const { createTestDatabase } = await import("@/test/support/test-database");
  const database = await createTestDatabase("bench_map");
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  const server = await startConsole(database.url);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const { createTestUser } = await import("@/test/factories/users");
    const { user, password } = await createTestUser({ role: "viewer" });
    const context = await browser.newContext({
      baseURL: server.baseURL,
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    const rows: string[][] = [];
    const medians = new Map<number, number>();
    for (const size of sizes) {
      const shape = await seedCatalogue(size);
      await timeMap(page); // warm: the first request compiles nothing, but fills caches
      const times: number[] = [];
      for (let run = 0; run < runsPerSize; run += 1) times.push(await timeMap(page));
      medians.set(size, median(times));
      rows.push([
        String(size),
        `${shape.issuers}/${shape.workloads}/${shape.targets}`,
        median(times).toFixed(0),
        Math.min(...times).toFixed(0),
        Math.max(...times).toFixed(0),
      ]);
    }
    const ratio = (medians.get(5_000) ?? NaN) / (medians.get(50) ?? NaN);
    return {
      title: `Trust map: navigation to a laid-out graph, Chromium (median of ${runsPerSize}; ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)})`,
      lines: [
        ...formatTable(
          ["nodes", "issuers/workloads/targets", "median ms", "min ms", "max ms"],
          rows,
        ),
        "",
        `5,000 / 50: ${ratio.toFixed(1)}× (goal ≤ ${goalRatio}×)${ratio <= goalRatio ? "" : "  over the goal"}`,
        "Over 300 nodes the map groups workloads per issuer and targets per kind, so the drawing stays small.",
      ],
    };
  } finally {
    await browser.close();
    server.stop();
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    await database.drop();
  }
}
