import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TConnection } from "@/lib/schemas/connection";
import type { TTarget } from "@/lib/schemas/target";
import { getDb } from "@/lib/db/client";
import {
  awsSpec,
  createTestBinding,
  createTestWorkload,
  targetBody,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  created,
  expectProblem,
  getItem,
  ok,
  patchItem,
  postItem,
  unknownId,
} from "@/test/integration/catalog/catalog-api";
import { connectionBody, postConnection, withTestSecretKey } from "./connection-api";

vi.mock("@/lib/clouds/adapters", async () => (await import("./fake-adapters")).adaptersModule);

withTestSecretKey();

let operatorToken: string;
let aws: TConnection;
let gcp: TConnection;

beforeAll(async () => {
  const adminToken = await createTestToken(await createTestUser({ role: "admin" }));
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  aws = await created<TConnection>(await postConnection(adminToken, connectionBody("aws")));
  gcp = await created<TConnection>(await postConnection(adminToken, connectionBody("gcp")));
});

describe("a target's connection", () => {
  it("is optional: a target without one is catalogue-only", async () => {
    const target = await created<TTarget>(
      await postItem("targets", operatorToken, targetBody("aws-role")),
    );
    expect(target.connection).toBeNull();
  });

  it("links a target to a connection of its cloud, shown by name in the target", async () => {
    const target = await created<TTarget>(
      await postItem("targets", operatorToken, {
        ...targetBody("aws-role"),
        connectionId: aws.id,
      }),
    );
    expect(target.connection).toEqual({ id: aws.id, name: aws.name, sandbox: false });
    expect(
      (await ok<TTarget>(await getItem("targets", operatorToken, target.id))).connection,
    ).toEqual(target.connection);
  });

  it("refuses a connection of another cloud, or none that exists, with a field message", async () => {
    await expectProblem(
      await postItem("targets", operatorToken, { ...targetBody("aws-role"), connectionId: gcp.id }),
      422,
      [{ name: "connectionId", reason: "is a connection to GCP; pick a connection to AWS" }],
    );
    await expectProblem(
      await postItem("targets", operatorToken, {
        ...targetBody("aws-role"),
        connectionId: unknownId,
      }),
      422,
      [{ name: "connectionId", reason: "is not a connection; pick one from the list or none" }],
    );
    await expectProblem(
      await postItem("targets", operatorToken, { ...targetBody("aws-role"), connectionId: "nope" }),
      422,
      [{ name: "connectionId", reason: "must be a UUID" }],
    );
  });

  it("is set, kept and removed by edits; an edit without it keeps the link", async () => {
    const target = await created<TTarget>(
      await postItem("targets", operatorToken, targetBody("aws-role")),
    );
    const linked = await ok<TTarget>(
      await patchItem("targets", operatorToken, target.id, { connectionId: aws.id }, '"v1"'),
    );
    expect(linked.connection?.id).toBe(aws.id);
    const renamed = await ok<TTarget>(
      await patchItem("targets", operatorToken, target.id, { name: `${target.name}-2` }, '"v2"'),
    );
    expect(renamed.connection?.id).toBe(aws.id);
    await expectProblem(
      await patchItem("targets", operatorToken, target.id, { connectionId: gcp.id }, '"v3"'),
      422,
      [{ name: "connectionId", reason: "is a connection to GCP; pick a connection to AWS" }],
    );
    const unlinked = await ok<TTarget>(
      await patchItem("targets", operatorToken, target.id, { connectionId: "" }, '"v3"'),
    );
    expect(unlinked.connection).toBeNull();
  });

  it("sends the bindings back to pending when the target moves to another connection or none", async () => {
    const target = await created<TTarget>(
      await postItem("targets", operatorToken, { ...targetBody("aws-role"), connectionId: aws.id }),
    );
    const workload = await createTestWorkload();
    const { id: bindingId } = await createTestBinding({
      workload,
      target,
      spec: awsSpec(workload),
    });
    await getDb().binding.update({
      where: { id: bindingId },
      data: { syncState: "drifted", drift: { differences: [] }, syncCheckedAt: new Date() },
    });
    await getDb().cloudTarget.update({
      where: { id: target.id },
      data: { drift: { unmanaged: [] }, driftCheckedAt: new Date() },
    });

    const renamed = await ok<TTarget>(
      await patchItem("targets", operatorToken, target.id, { name: `${target.name}-r` }, '"v1"'),
    );
    expect(renamed.connection?.id).toBe(aws.id);
    expect((await getDb().binding.findUniqueOrThrow({ where: { id: bindingId } })).syncState).toBe(
      "drifted",
    );

    await ok<TTarget>(
      await patchItem("targets", operatorToken, target.id, { connectionId: "" }, '"v2"'),
    );
    const after = await getDb().binding.findUniqueOrThrow({ where: { id: bindingId } });
    expect(after).toMatchObject({ syncState: "pending", drift: null, syncCheckedAt: null });
    expect(
      await getDb().cloudTarget.findUniqueOrThrow({
        where: { id: target.id },
        select: { drift: true, driftCheckedAt: true },
      }),
    ).toEqual({ drift: null, driftCheckedAt: null });
  });
});
