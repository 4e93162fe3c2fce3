import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as refresh from "@/app/api/v1/targets/[id]/refresh/route";
import { getDb } from "@/lib/db/client";
import { findPendingJob } from "@/lib/jobs/enqueue";
import { jobNames } from "@/lib/jobs/job-names";
import { stopJobSender } from "@/lib/jobs/sender";
import { driftSingletonKey } from "@/lib/sync/drift/drift-singleton-key";
import { runDriftSweep } from "@/lib/sync/drift/run-drift-sweep";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";
import { connectedTarget } from "@/test/integration/drift/drift-support";

// No worker runs in this file: jobs stay queued, which is what these check.

let operatorToken: string;
let viewerToken: string;

beforeAll(async () => {
  const operator = await createTestUser({ role: "operator" });
  operatorToken = await createTestToken(operator);
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});
afterAll(() => stopJobSender());

const post = (id: string, token = operatorToken) =>
  call(refresh.POST, {
    method: "POST",
    path: `/api/v1/targets/${id}/refresh`,
    params: { id },
    token,
    body: {},
  });
const get = (id: string, token = viewerToken) =>
  call(refresh.GET, { path: `/api/v1/targets/${id}/refresh`, params: { id }, token });

describe("POST /api/v1/targets/{id}/refresh", () => {
  it("queues one check per target (202 with the job and where to poll), audited under the operator", async () => {
    const { target } = await connectedTarget();

    const first = await post(target.id);
    const second = await post(target.id);

    expect(first.status).toBe(202);
    const body = (await first.json()) as { jobId: string; status: string; poll: string };
    expect(body).toEqual({
      jobId: expect.any(String),
      targetId: target.id,
      status: "queued",
      poll: `/api/v1/targets/${target.id}/refresh`,
    });
    expect(first.headers.get("location")).toBe(body.poll);
    expect(((await second.json()) as { jobId: string }).jobId).toBe(body.jobId);
    const checks = await getDb().auditEvent.findMany({
      where: { action: "drift.check", entityId: target.id },
    });
    expect(checks.map((event) => [event.actorType, event.actorId])).toEqual([
      ["token", expect.any(String)],
      ["token", expect.any(String)],
    ]);

    const polled = await get(target.id);
    expect(polled.status).toBe(200);
    expect(await polled.json()).toMatchObject({
      targetId: target.id,
      checking: true,
      checkedAt: null,
    });
  });

  it("answers 409 when the target has no connection, and queues nothing", async () => {
    const { target } = await connectedTarget({ connected: false });

    const response = await post(target.id);

    expect(response.status).toBe(409);
    expect((await problemOf(response)).detail).toMatch(/no cloud connection/);
    expect(await findPendingJob(jobNames.driftTarget, driftSingletonKey(target.id))).toBeNull();
  });

  it("refuses a viewer (403) and an unknown target (404)", async () => {
    const { target } = await connectedTarget();

    expect((await post(target.id, viewerToken)).status).toBe(403);
    expect((await post(randomUUID())).status).toBe(404);
    expect((await get(randomUUID())).status).toBe(404);
  });
});

describe("drift sweep", () => {
  it("queues a check of every connected target and none of the others", async () => {
    const connected = await connectedTarget();
    const loose = await connectedTarget({ connected: false });

    await runDriftSweep();

    expect(
      await findPendingJob(jobNames.driftTarget, driftSingletonKey(connected.target.id)),
    ).not.toBeNull();
    expect(
      await findPendingJob(jobNames.driftTarget, driftSingletonKey(loose.target.id)),
    ).toBeNull();
  });
});
