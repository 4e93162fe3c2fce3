import { randomUUID } from "node:crypto";
import type {
  ActualBinding,
  AdapterConnection,
  CloudAdapter,
  CloudError,
  TargetRead,
} from "@/lib/clouds/adapter-types";
import { getBinding } from "@/lib/catalog/bindings/get-binding";
import { getDb } from "@/lib/db/client";
import {
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
} from "@/test/factories/catalog";

// A cloud the drift tests can change at will: a fake Azure adapter over a
// map of FICs by name, answering as the real adapters promise to (the same
// object the catalogue shows when in sync).

export type FakeCloud = {
  objects: Map<string, unknown>;
  outcome: "found" | "missing" | { unreadable: CloudError };
  reads: number;
};

export const fakeCloud: FakeCloud = { objects: new Map(), outcome: "found", reads: 0 };

export const fakeAdapter: CloudAdapter = {
  cloud: "azure",
  test: async () => ({ ok: true, principal: "fake", details: [] }),
  discover: async () => ({ targets: [], errors: [] }),
  async readTarget(_connection, target): Promise<TargetRead> {
    fakeCloud.reads += 1;
    if (fakeCloud.outcome === "missing") return { state: "missing" };
    if (fakeCloud.outcome !== "found")
      return { state: "unreadable", error: fakeCloud.outcome.unreadable };
    const bindings: ActualBinding[] = [...fakeCloud.objects].map(([key, cloudObject]) => ({
      key,
      spec: { name: key },
      cloudObject: structuredClone(cloudObject),
    }));
    return {
      state: "found",
      target: {
        kind: target.kind,
        config: target.config,
        externalId: target.externalId,
        displayName: "fake",
        bindings,
      },
    };
  },
  bindingKey: (spec) => (spec as { name: string }).name,
  explain: (error) => ({
    kind: "other",
    code: "Fake",
    message: String(error),
    cause: "a fake failure",
    fix: "none",
  }),
};

export const fakeConnection = (id: string): AdapterConnection => ({
  id,
  name: "fake",
  sandbox: false,
  auth: { kind: "ambient" },
  endpoints: {},
  caBundle: null,
  cloud: "azure",
  scope: {
    tenantId: randomUUID(),
    subscriptionIds: [randomUUID()],
    resourceGroups: [],
    applicationObjectIds: [],
  },
});

export async function createTestConnection(): Promise<string> {
  const row = await getDb().cloudConnection.create({
    data: {
      name: `connection ${randomUUID().slice(0, 8)}`,
      cloud: "azure",
      scope: { tenantId: randomUUID(), subscriptionIds: [randomUUID()] },
      authKind: "ambient",
    },
    select: { id: true },
  });
  return row.id;
}

/** An Azure identity with two FICs, linked to a connection when asked, and a cloud holding both. */
export async function connectedTarget({ connected = true } = {}) {
  const target = await createTestTarget("azure-uami");
  const connectionId = connected ? await createTestConnection() : null;
  if (connectionId) {
    await getDb().cloudTarget.update({ where: { id: target.id }, data: { connectionId } });
  }
  const workload = await createTestWorkload();
  const bindings = [
    await createTestBinding({ workload, target, spec: azureSpec(workload) }),
    await createTestBinding({
      workload,
      target,
      spec: azureSpec(workload, { subject: `${workload.subject}-2` }),
    }),
  ];
  const objects = new Map<string, unknown>();
  for (const binding of bindings) {
    objects.set(binding.name, (await getBinding({ id: binding.id })).cloudObject);
  }
  return { target, bindings, objects };
}
