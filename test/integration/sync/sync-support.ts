// What the end-to-end sync tests share: the environment a connection to an
// emulator needs (a master key for stored secrets, the loopback emulators
// allowed as endpoints), connections and catalogue rows created through the
// same use-cases as the API, and readers of what drift recorded.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { createTarget } from "@/lib/catalog/targets/create-target";
import { createConnection } from "@/lib/connections/create-connection";
import { getDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { ZConnectionCreateInput } from "@/lib/schemas/connection";
import { ZTargetCreateInput } from "@/lib/schemas/target";
import type { TargetKind } from "@/lib/clouds/types";
import { createTestUser, type TestUser } from "@/test/factories/users";

const envKeys = ["FEDLENS_SECRET_KEY", "FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS"] as const;

/** Sets the file's master key and allows the loopback emulators; restores both after. */
export function setUpSyncEnvironment(): { admin: () => TestUser } {
  const saved: Partial<Record<(typeof envKeys)[number], string>> = {};
  let admin: TestUser | undefined;
  beforeAll(async () => {
    for (const key of envKeys) saved[key] = process.env[key];
    process.env.FEDLENS_SECRET_KEY = randomBytes(32).toString("base64");
    process.env.FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS = "127.0.0.1";
    resetEnvCache();
    admin = await createTestUser({ role: "admin" });
  });
  afterAll(() => {
    for (const key of envKeys) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    resetEnvCache();
  });
  return {
    admin: () => {
      if (!admin) throw new Error("the sync environment is not set up yet");
      return admin;
    },
  };
}

export const caller = (admin: TestUser) => ({ actor: admin.actor, requestId: randomUUID() });

/** A connection as an admin adds it, through the API's validation (endpoints, CA, secret). */
export async function addConnection(admin: TestUser, body: Record<string, unknown>) {
  const input = ZConnectionCreateInput.parse({
    name: `e2e ${body.cloud as string} ${randomUUID().slice(0, 8)}`,
    ...body,
  });
  return createConnection({ ...caller(admin), input });
}

/** A catalogued target of `kind` linked to the connection. */
export async function addTarget(
  admin: TestUser,
  kind: TargetKind,
  config: Record<string, unknown>,
  connectionId: string,
) {
  const input = ZTargetCreateInput.parse({
    name: `${kind} ${randomUUID().slice(0, 8)}`,
    kind,
    config,
    connectionId,
  });
  return createTarget({ ...caller(admin), input });
}

/** The state and drift detail of the target's only binding. */
export async function onlyBindingState(targetId: string) {
  const rows = await getDb().binding.findMany({
    where: { targetId },
    select: { syncState: true, drift: true },
  });
  if (rows.length !== 1) throw new Error(`expected one binding, found ${rows.length}`);
  return rows[0]!;
}

export const driftEventCount = () =>
  getDb().auditEvent.count({ where: { action: "drift.change" } });
