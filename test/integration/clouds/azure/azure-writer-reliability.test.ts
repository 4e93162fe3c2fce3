// The Azure writer under the conditions Azure imposes: one write at a time per
// managed identity (the emulator refuses overlap with 409, as Azure does),
// identities in parallel, throttling with Retry-After in seconds and as a
// date, a 5xx then success, refusals mapped to a cause and fix and not retried.
import { beforeEach, describe, expect, it } from "vitest";
import {
  CloudCallError,
  type CatalogTargetRef,
  type PlannedChange,
} from "@/lib/clouds/adapter-types";
import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { createAzureWriter } from "@/lib/clouds/azure/adapter/writer";
import type { FaultMatch } from "@/test/emulators/azure/faults";
import {
  appTarget,
  createChange,
  credentialWrites,
  deleteChange,
  uamiTarget,
} from "@/test/emulators/azure/writer-changes";
import { AUDIENCES, ISSUER, RG, setUpAdapterFixture, SUB, TENANT } from "./azure-adapter-fixture";

const fx = setUpAdapterFixture();
// Backoff of at most 1 ms: any longer wait the writer records is one Azure asked for.
const writer = createAzureWriter({
  retryPolicy: { attempts: 4, baseDelayMs: 1, maxDelayMs: 60_000 },
  sleep: (ms) => {
    fx.waits.push(ms);
    return Promise.resolve();
  },
});
const ids = { tenantId: TENANT, subscriptionId: SUB, resourceGroup: RG };
const spec = (name: string): TAzureBindingSpec => ({
  cloud: "azure",
  name,
  issuer: ISSUER,
  audiences: AUDIENCES,
  subject: `repo:o/r:environment:${name}`,
});

let identityName: string;
let identityId: string;
let uami: CatalogTargetRef;
const newIdentity = () => {
  const name = `r-${crypto.randomUUID().slice(0, 8)}`;
  return { name, id: fx.identity(name) };
};
beforeEach(() => {
  ({ name: identityName, id: identityId } = newIdentity());
  uami = uamiTarget(fx.emulator, identityId, ids);
  fx.emulator.requests.length = 0;
  fx.emulator.writes.reset();
});

const apply = (target: CatalogTargetRef, change: PlannedChange) =>
  writer.applyChange(fx.connection(), target, change);

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudCallError);
  return (error as CloudCallError).cloudError;
}

describe("Azure writer: one identity at a time, identities in parallel", () => {
  it("never overlaps three changes on one identity launched together", async () => {
    // Slow writes give unserialised ones every chance to overlap.
    fx.emulator.faults.add({ kind: "latency", ms: 30 }, { method: "PUT" });
    const results = await Promise.all(
      ["fl-1", "fl-2", "fl-3"].map((name) => apply(uami, createChange(uami, spec(name)))),
    );
    expect(results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    expect(fx.emulator.writes.maxFor(identityName)).toBe(1);
    expect(fx.emulator.writes.statuses).toEqual([201, 201, 201]);
    expect(fx.emulator.store.fics(identityId)).toHaveLength(3);
  });

  it("never overlaps three deletes on one identity launched together", async () => {
    const created = [];
    for (const name of ["fl-4", "fl-5", "fl-6"]) {
      created.push((await apply(uami, createChange(uami, spec(name)))).after!);
    }
    fx.emulator.writes.reset();
    fx.emulator.faults.add({ kind: "latency", ms: 30 }, { method: "DELETE" });
    const results = await Promise.all(created.map((actual) => apply(uami, deleteChange(actual))));
    expect(results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    expect(fx.emulator.writes.maxFor(identityName)).toBe(1);
    expect(fx.emulator.writes.statuses).toEqual([200, 200, 200]);
    expect(fx.emulator.store.fics(identityId)).toEqual([]);
  });

  it("writes to two identities at the same time", async () => {
    const other = newIdentity();
    const otherTarget = uamiTarget(fx.emulator, other.id, ids);
    const first = fx.emulator.faults.hold({ method: "PUT", pathIncludes: identityName });
    const second = fx.emulator.faults.hold({ method: "PUT", pathIncludes: other.name });
    const applied = Promise.all([
      apply(uami, createChange(uami, spec("fl-a"))),
      apply(otherTarget, createChange(otherTarget, spec("fl-b"))),
    ]);
    // Both writes are parked in the emulator at once: neither waited for the other.
    await Promise.all([first.reached, second.reached]);
    expect(fx.emulator.writes.overall.now).toBe(2);
    first.release();
    second.release();
    expect((await applied).map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(fx.emulator.writes.maxFor(identityName)).toBe(1);
    expect(fx.emulator.writes.maxFor(other.name)).toBe(1);
  });

  it("waits and re-applies when another writer holds the identity (Azure's 409)", async () => {
    fx.emulator.faults.add(
      {
        kind: "status",
        status: 409,
        code: "ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity",
        message: "Too many Federated Identity Credentials are written concurrently.",
      },
      { method: "PUT" },
      2,
    );
    expect((await apply(uami, createChange(uami, spec("fl-c")))).status).toBe("applied");
    expect(fx.waits).toHaveLength(2);
    expect(credentialWrites(fx.emulator)).toEqual({ PUT: 3 });
  });
});

describe("Azure writer: throttling and transient failures", () => {
  it.each([
    ["seconds", false],
    ["an HTTP date", true],
  ])("waits as long as a 429's Retry-After in %s asks, then writes once", async (_, asDate) => {
    const match: FaultMatch = { method: "PUT" };
    fx.emulator.faults.add(
      { kind: "status", status: 429, retryAfterSeconds: 9, retryAfterAsDate: asDate },
      match,
      1,
    );
    expect((await apply(uami, createChange(uami, spec("fl-t")))).status).toBe("applied");
    const [sent] = fx.emulator.faults.retryAfterSent;
    expect(sent?.value).toMatch(asDate ? /GMT$/ : /^9$/);
    const asked = asDate ? Date.parse(sent!.value) - Date.now() : 9000;
    expect(fx.waits).toHaveLength(1);
    expect(fx.waits[0]).toBeGreaterThanOrEqual(asked);
    expect(fx.waits[0]).toBeGreaterThan(5000);
    expect(fx.emulator.store.fics(identityId)).toHaveLength(1);
  });

  it("creates exactly one object after a 500 then success, on an identity and on an app", async () => {
    fx.emulator.faults.add({ kind: "status", status: 500 }, { method: "PUT" }, 1);
    fx.emulator.faults.add(
      { kind: "status", status: 500 },
      { method: "POST", pathIncludes: "/v1.0/" },
      1,
    );
    const appId = fx.emulator.graph.addApplication();
    const app = appTarget(fx.emulator, appId, TENANT);
    await apply(uami, createChange(uami, spec("fl-5")));
    await apply(app, createChange(app, spec("fl-5")));
    expect(fx.emulator.store.fics(identityId)).toHaveLength(1);
    expect(fx.emulator.graph.application(appId)!.fics.size).toBe(1);
    expect(credentialWrites(fx.emulator)).toEqual({ PUT: 2, POST: 2 });
  });
});

describe("Azure writer: a write whose answer was lost", () => {
  it("adopts the app credential its own lost create made, instead of failing or duplicating it", async () => {
    const appId = fx.emulator.graph.addApplication();
    const app = appTarget(fx.emulator, appId, TENANT);
    fx.emulator.faults.add({ kind: "lost-answer", status: 502 }, { method: "POST" }, 1);
    const result = await apply(app, createChange(app, spec("fl-lost")));
    expect(result.status).toBe("applied");
    expect([...fx.emulator.graph.application(appId)!.fics.values()].map((f) => f.name)).toEqual([
      "fl-lost",
    ]);
    expect((await apply(app, createChange(app, spec("fl-lost")))).status).toBe("unchanged");
  });

  it("re-sends an identity's createOrUpdate, which Azure treats as the same write", async () => {
    fx.emulator.faults.add({ kind: "lost-answer", status: 502 }, { method: "PUT" }, 1);
    expect((await apply(uami, createChange(uami, spec("fl-lost")))).status).toBe("applied");
    expect(fx.emulator.store.fics(identityId)).toHaveLength(1);
    expect(credentialWrites(fx.emulator)).toEqual({ PUT: 2 });
  });
});

describe("Azure writer: refusals", () => {
  it.each([
    {
      case: "an invalid subject",
      arrange: () =>
        fx.emulator.faults.add(
          { kind: "status", status: 400, code: "BadRequest", message: "The subject is not valid." },
          { method: "PUT" },
          1,
        ),
      code: "BadRequest",
      cause: /subject/,
    },
    {
      case: "the 20-credential limit",
      arrange: () => fx.seed(identityId, 20),
      code: "BadRequest",
      cause: /20 federated credentials/,
    },
    {
      case: "an issuer and subject another credential already trusts",
      arrange: () =>
        fx.emulator.store.seedFic(identityId, {
          name: "someone-else",
          properties: { issuer: ISSUER, subject: spec("fl-x").subject!, audiences: AUDIENCES },
        }),
      code: "BadRequest",
      cause: /already trusts this issuer and subject/,
    },
    {
      case: "a missing Azure role",
      arrange: () => fx.emulator.faults.add({ kind: "forbidden" }, { method: "PUT" }, 1),
      code: "AuthorizationFailed",
      cause: /write or delete/,
      fix: /federatedIdentityCredentials\/read, write and delete/,
    },
  ])("fails on $case with the mapped error, without retrying", async (row) => {
    row.arrange();
    const error = await failure(apply(uami, createChange(uami, spec("fl-x"))));
    expect(error).toMatchObject({ code: row.code, object: `${uami.externalId} fl-x` });
    expect(error.cause).toMatch(row.cause);
    if (row.fix) expect(error.fix).toMatch(row.fix);
    expect(credentialWrites(fx.emulator)).toEqual({ PUT: 1 });
    expect(fx.waits).toEqual([]);
  });

  it("gives up after a few rounds when another writer keeps the identity busy", async () => {
    fx.emulator.faults.add(
      {
        kind: "status",
        status: 409,
        code: "ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity",
      },
      { method: "PUT" },
    );
    const error = await failure(apply(uami, createChange(uami, spec("fl-busy"))));
    expect(error).toMatchObject({ kind: "conflict", status: 409 });
    expect(error.fix).toMatch(/another tool writing to the same identity/);
    expect(credentialWrites(fx.emulator)).toEqual({ PUT: 4 });
  });

  it("refuses a target of another tenant than the connection's, before any call", async () => {
    const other = {
      ...uami,
      config: { ...(uami.config as object), tenantId: crypto.randomUUID() },
    };
    const error = await failure(apply(other, createChange(other, spec("fl-t"))));
    expect(error.code).toBe("FedlensOutsideTenant");
    expect(fx.emulator.requests).toEqual([]);
  });

  it("names the Graph permission when an app registration's write is denied", async () => {
    const appId = fx.emulator.graph.addApplication();
    const app = appTarget(fx.emulator, appId, TENANT);
    fx.emulator.faults.add({ kind: "forbidden" }, { method: "POST" }, 1);
    const error = await failure(apply(app, createChange(app, spec("fl-g"))));
    expect(error).toMatchObject({ kind: "denied", code: "Authorization_RequestDenied" });
    expect(error.fix).toMatch(/Application\.ReadWrite\.OwnedBy/);
    expect(credentialWrites(fx.emulator)).toEqual({ POST: 1 });
  });
});
