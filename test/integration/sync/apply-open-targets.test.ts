// An apply opens each connection once: targets of one connection get the
// same opened connection, so the writers' per-connection clients (an AWS
// role's IAM client and its TLS sessions) are shared across targets rather
// than built per target. A target without a connection still says why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { openApplyTarget, type OpenedConnections } from "@/lib/sync/apply/open-apply-targets";
import { startIamEmulator, type IamEmulator } from "@/test/emulators/aws/iam-server";
import { ACCOUNT, GITHUB, THUMBPRINT } from "@/test/integration/clouds/aws/aws-adapter-fixture";
import { awsConnection } from "./drift-worlds";
import { addConnection, addTarget, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startIamEmulator();
});
afterAll(() => emulator.close());

const roleConfig = (roleName: string) => ({
  accountId: ACCOUNT,
  roleName,
  path: "/",
  oidcProviders: [{ url: GITHUB, clientIds: ["sts.amazonaws.com"], thumbprints: [THUMBPRINT] }],
});

describe("opening the targets of an apply", () => {
  it("shares one opened connection between the targets of one connection", async () => {
    const connection = await addConnection(env.admin(), awsConnection(emulator));
    const other = await addConnection(env.admin(), awsConnection(emulator));
    const [a, b, c] = await Promise.all([
      addTarget(env.admin(), "aws-role", roleConfig("role-a"), connection.id),
      addTarget(env.admin(), "aws-role", roleConfig("role-b"), connection.id),
      addTarget(env.admin(), "aws-role", roleConfig("role-c"), other.id),
    ]);
    const opened: OpenedConnections = new Map();
    const first = await openApplyTarget(getDb(), a!.id, opened);
    const second = await openApplyTarget(getDb(), b!.id, opened);
    const third = await openApplyTarget(getDb(), c!.id, opened);
    if (!first.ok || !second.ok || !third.ok) throw new Error("a target did not open");
    expect(second.connection).toBe(first.connection);
    expect(third.connection).not.toBe(first.connection);
    expect(first.connection).toMatchObject({ id: connection.id, cloud: "aws" });
    expect(third.connection).toMatchObject({ id: other.id });
    expect([...opened.keys()].sort()).toEqual([connection.id, other.id].sort());
  });

  it("says why a target without a connection cannot be written", async () => {
    const connection = await addConnection(env.admin(), awsConnection(emulator));
    const target = await addTarget(env.admin(), "aws-role", roleConfig("role-d"), connection.id);
    await getDb().cloudTarget.update({ where: { id: target.id }, data: { connectionId: null } });
    const opened: OpenedConnections = new Map();
    expect(await openApplyTarget(getDb(), target.id, opened)).toMatchObject({
      ok: false,
      error: { code: "TargetNotWritable" },
    });
    expect(opened.size).toBe(0);
  });
});
