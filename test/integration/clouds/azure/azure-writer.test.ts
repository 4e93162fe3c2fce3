// The Azure writer through the real SDK clients against the emulator: create,
// update and delete a credential on a managed identity (ARM) and on an app
// registration (Graph), flexible ones on the preview and beta APIs, and a
// second apply of the same changes that writes nothing.
import { beforeEach, describe, expect, it } from "vitest";
import type { ActualBinding, CatalogTargetRef } from "@/lib/clouds/adapter-types";
import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { createAzureWriter } from "@/lib/clouds/azure/adapter/writer";
import {
  appTarget,
  createChange,
  credentialWrites,
  deleteChange,
  uamiTarget,
  updateChange,
} from "@/test/emulators/azure/writer-changes";
import { AUDIENCES, ISSUER, RG, setUpAdapterFixture, SUB, TENANT } from "./azure-adapter-fixture";

const fx = setUpAdapterFixture();
const writer = createAzureWriter({ sleep: () => Promise.resolve() });
const ids = { tenantId: TENANT, subscriptionId: SUB, resourceGroup: RG };

const spec = (name: string, extra: Partial<TAzureBindingSpec> = {}): TAzureBindingSpec => ({
  cloud: "azure",
  name,
  issuer: ISSUER,
  audiences: AUDIENCES,
  subject: `repo:o/r:environment:${name}`,
  ...extra,
});
const flexible = (name: string): TAzureBindingSpec => {
  const { subject: _subject, ...rest } = spec(name);
  return {
    ...rest,
    claimsMatchingExpression: { value: "claims['sub'] matches 'repo:o/r:*'", languageVersion: 1 },
  };
};

let uami: CatalogTargetRef;
let app: CatalogTargetRef;
let identityId: string;
let appId: string;
beforeEach(() => {
  identityId = fx.identity(`w-${crypto.randomUUID().slice(0, 8)}`);
  uami = uamiTarget(fx.emulator, identityId, ids);
  appId = fx.emulator.graph.addApplication();
  app = appTarget(fx.emulator, appId, TENANT);
  fx.emulator.requests.length = 0;
});

async function apply(target: CatalogTargetRef, change: Parameters<typeof writer.applyChange>[2]) {
  return writer.applyChange(fx.connection(), target, change);
}

describe("Azure writer on a managed identity", () => {
  it("creates, updates and deletes a credential, each time returning what Azure holds", async () => {
    const created = await apply(uami, createChange(uami, spec("fl-one")));
    expect(created.status).toBe("applied");
    expect(created.after?.cloudObject).toEqual(
      createChange(uami, spec("fl-one")).desired.cloudObject,
    );
    expect(fx.emulator.store.fics(identityId)).toHaveLength(1);

    const moved = spec("fl-one", { subject: "repo:o/r:ref:refs/heads/main" });
    const updated = await apply(uami, updateChange(uami, created.after!, moved));
    expect(updated.status).toBe("applied");
    expect(fx.emulator.store.fics(identityId)[0]?.properties.subject).toBe(
      "repo:o/r:ref:refs/heads/main",
    );

    const deleted = await apply(uami, deleteChange(updated.after!));
    expect(deleted).toEqual({ status: "applied", after: null });
    expect(fx.emulator.store.fics(identityId)).toEqual([]);
    expect(credentialWrites(fx.emulator)).toEqual({ PUT: 2, DELETE: 1 });
  });

  it("creates a flexible credential on the preview API and reads it back as written", async () => {
    const result = await apply(uami, createChange(uami, flexible("fl-flex")));
    expect(result.status).toBe("applied");
    expect(result.after?.spec).toMatchObject({
      claimsMatchingExpression: flexible("x").claimsMatchingExpression,
    });
    expect(fx.emulator.store.fics(identityId)[0]?.properties.claimsMatchingExpression?.value).toBe(
      "claims['sub'] matches 'repo:o/r:*'",
    );
    const again = await apply(uami, createChange(uami, flexible("fl-flex")));
    expect(again.status).toBe("unchanged");
  });

  it("calls the delete of a credential that is already gone unchanged, without writing", async () => {
    const created = await apply(uami, createChange(uami, spec("fl-gone")));
    fx.emulator.store.removeFic(identityId, "fl-gone");
    fx.emulator.requests.length = 0;
    expect(await apply(uami, deleteChange(created.after!))).toEqual({
      status: "unchanged",
      after: null,
    });
    expect(credentialWrites(fx.emulator)).toEqual({});
  });
});

describe("Azure writer on an app registration", () => {
  it("creates with POST, updates with PATCH by id and deletes, on Graph", async () => {
    const created = await apply(app, createChange(app, spec("fl-app")));
    expect(created.status).toBe("applied");
    const changed = spec("fl-app", { subject: "repo:o/r:pull_request", description: "PR checks" });
    const updated = await apply(app, updateChange(app, created.after!, changed));
    expect(updated.after?.cloudObject).toEqual(
      updateChange(app, created.after!, changed).desired.cloudObject,
    );
    const [stored] = fx.emulator.graph.application(appId)!.fics.values();
    expect(stored).toMatchObject({
      description: "PR checks",
      properties: { subject: "repo:o/r:pull_request" },
    });

    await apply(app, deleteChange(updated.after!));
    expect(fx.emulator.graph.application(appId)!.fics.size).toBe(0);
    expect(credentialWrites(fx.emulator)).toEqual({ POST: 1, PATCH: 1, DELETE: 1 });
  });

  it("clears a description the catalogue no longer has, so the next apply converges", async () => {
    const created = await apply(app, createChange(app, spec("fl-desc", { description: "old" })));
    await apply(app, updateChange(app, created.after!, spec("fl-desc")));
    expect([...fx.emulator.graph.application(appId)!.fics.values()][0]?.description).toBeNull();
    expect((await apply(app, createChange(app, spec("fl-desc")))).status).toBe("unchanged");
  });

  it("creates a flexible credential on Graph beta", async () => {
    const result = await apply(app, createChange(app, flexible("fl-appflex")));
    expect(result.after?.spec).toMatchObject({ claimsMatchingExpression: { languageVersion: 1 } });
    expect(
      fx.emulator.requests.some((r) => r.method === "POST" && r.path.startsWith("/beta/")),
    ).toBe(true);
  });
});

describe("Azure writer: idempotence", () => {
  it("makes no write when the same changes are applied a second time", async () => {
    const changes = [
      [uami, createChange(uami, spec("fl-a"))],
      [uami, createChange(uami, flexible("fl-b"))],
      [app, createChange(app, spec("fl-c", { description: "d" }))],
      [app, createChange(app, flexible("fl-d"))],
    ] as const;
    const first = await Promise.all(changes.map(([target, change]) => apply(target, change)));
    expect(first.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
    fx.emulator.requests.length = 0;
    const second = await Promise.all(changes.map(([target, change]) => apply(target, change)));
    expect(second.map((r) => r.status)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    expect(second.map((r) => r.after?.cloudObject)).toEqual(first.map((r) => r.after?.cloudObject));
    expect(credentialWrites(fx.emulator)).toEqual({});
  });

  it("keeps Azure's spelling of a name that differs only by case instead of rewriting it", async () => {
    fx.emulator.store.seedFic(identityId, {
      name: "FL-Case",
      properties: { issuer: ISSUER, subject: "repo:o/r:environment:fl-case", audiences: AUDIENCES },
    });
    const result = await apply(uami, createChange(uami, spec("fl-case")));
    expect(result.status).toBe("unchanged");
    expect(credentialWrites(fx.emulator)).toEqual({});
  });
});

describe("Azure writer: describeChange", () => {
  it("names the call, the credential and its identity, with the objects before and after", () => {
    const change = createChange(uami, spec("fl-desc"));
    const description = writer.describeChange(uami, change);
    expect(description.call).toBe(
      `createOrUpdate federated identity credential fl-desc on identity ${identityId}`,
    );
    expect(description).toMatchObject({ before: null, after: change.desired.cloudObject });
    const actual = { ...change.desired } as ActualBinding;
    expect(writer.describeChange(app, deleteChange(actual))).toEqual({
      call: `DELETE federated identity credential fl-desc on app registration ${appId} (Microsoft Graph v1.0)`,
      before: actual.cloudObject,
      after: null,
    });
  });
});
