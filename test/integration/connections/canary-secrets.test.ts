import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import * as targetItem from "@/app/api/v1/targets/[id]/route";
import * as secretsRewrap from "@/lib/cli/commands/secrets-rewrap";
import { openConnection } from "@/lib/connections/open-connection";
import { getDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { masterKeyId, parseMasterKey } from "@/lib/secrets/master-keyring";
import type { TConnection } from "@/lib/schemas/connection";
import { createTestTarget } from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call } from "@/test/support/http";
import {
  canary,
  connectionBody,
  getConnection,
  listConnections,
  patchConnection,
  postConnection,
  postTest,
  putSecret,
  secretAuth,
  serviceAccountKey,
} from "./connection-api";
import { fakeAdapters } from "./fake-adapters";

// Issue 12, "Done when": stored secrets leave no trace. Connections of each
// cloud are made with a canary secret, the secret replaced, the connection
// tested and the master key rotated; then a pg_dump of the database, every
// log line and every API response body are searched for the canaries.

const logLines = await vi.hoisted(async () => {
  const lines: string[] = [];
  const { createLogger } = await import("@/lib/log/create-logger");
  const stream = { write: (line: string) => void lines.push(line) };
  (globalThis as { fedlensLogger?: unknown }).fedlensLogger = createLogger("trace", stream);
  return lines;
});

vi.mock("@/lib/clouds/adapters", async () => (await import("./fake-adapters")).adaptersModule);

const clouds = ["azure", "aws", "gcp"] as const;
type Cloud = (typeof clouds)[number];
const firstKey = randomBytes(32).toString("base64");
const secondKey = randomBytes(32).toString("base64");
const canaries = {
  first: Object.fromEntries(clouds.map((cloud) => [cloud, canary(`first${cloud}`)])),
  second: Object.fromEntries(clouds.map((cloud) => [cloud, canary(`second${cloud}`)])),
} as Record<"first" | "second", Record<Cloud, string>>;
const allCanaries = Object.values(canaries).flatMap((byCloud) => Object.values(byCloud));
const bodies: string[] = [];
const connections = {} as Record<Cloud, TConnection>;
let adminToken: string;

function useKeys(current: string, previous: string[]) {
  process.env.FEDLENS_SECRET_KEY = current;
  process.env.FEDLENS_SECRET_PREVIOUS_KEYS = previous.join(",");
  resetEnvCache();
}

/** The response's body, kept for the final search. */
async function keep(response: Response): Promise<unknown> {
  const text = await response.text();
  bodies.push(text);
  expect(response.status, text).toBeLessThan(300);
  return text ? JSON.parse(text) : null;
}

function secretFields(cloud: Cloud, secret: string) {
  const { kind: _kind, ...fields } = secretAuth(cloud, secret);
  return fields;
}

const hits = (text: string) => allCanaries.filter((value) => text.includes(value));

beforeAll(async () => {
  useKeys(firstKey, []);
  adminToken = await createTestToken(await createTestUser({ role: "admin" }));
});

afterAll(() => {
  delete process.env.FEDLENS_SECRET_KEY;
  delete process.env.FEDLENS_SECRET_PREVIOUS_KEYS;
  resetEnvCache();
});

describe("a canary secret stored with each cloud's connection", () => {
  it("is accepted, replaced and used to test the connection", async () => {
    for (const cloud of clouds) {
      const body = connectionBody(cloud, { auth: secretAuth(cloud, canaries.first[cloud]) });
      connections[cloud] = (await keep(await postConnection(adminToken, body))) as TConnection;
      const id = connections[cloud].id;
      await keep(await putSecret(adminToken, id, secretFields(cloud, canaries.second[cloud])));
      await keep(
        await patchConnection(
          adminToken,
          id,
          { name: `${body.name}-edited`, auth: { kind: "secret" } },
          '"v2"',
        ),
      );
      const target = await createTestTarget(
        cloud === "azure" ? "azure-uami" : cloud === "aws" ? "aws-role" : "gcp-provider",
      );
      await getDb().cloudTarget.update({ where: { id: target.id }, data: { connectionId: id } });
      await keep(
        await call(targetItem.GET, {
          path: `/api/v1/targets/${target.id}`,
          params: { id: target.id },
          token: adminToken,
        }),
      );
    }
    // A cloud that echoes the secret in its error: the stored outcome blanks it.
    fakeAdapters.received.length = 0;
    for (const cloud of clouds) {
      fakeAdapters.next = {
        ok: false,
        error: {
          kind: "unauthenticated",
          code: "InvalidClientSecret",
          message: `The secret ${canaries.second[cloud]} is not valid.`,
          cause: "Wrong secret.",
          fix: "Store the right one.",
        },
      };
      const tested = (await keep(await postTest(adminToken, connections[cloud].id))) as TConnection;
      expect(tested.lastTest?.error?.message).toBe("The secret [secret] is not valid.");
    }
    // The adapters received the replaced secret, opened.
    const revealed = fakeAdapters.received.map((connection) => {
      if (connection.auth.kind !== "secret") return null;
      const secret = connection.auth.secret;
      if (secret.kind === "azure-client-secret") return secret.clientSecret.reveal();
      if (secret.kind === "aws-access-key") return secret.secretAccessKey.reveal();
      return (JSON.parse(secret.keyJson.reveal()) as { private_key_id: string }).private_key_id;
    });
    expect(revealed).toEqual(clouds.map((cloud) => canaries.second[cloud]));
    // An adapter that logs what it received, even a secret it revealed, leaks nothing.
    const { logger } = await import("@/lib/log/logger");
    for (const connection of fakeAdapters.received) {
      logger.warn({ connection, opened: String(connection.auth) }, "what the adapter received");
    }
    expect(logLines.join("")).toContain(connections.aws.name);
    await keep(await listConnections(adminToken));
    for (const cloud of clouds) await keep(await getConnection(adminToken, connections[cloud].id));
  });

  it("is re-wrapped under a new master key, opens without the old one, and the value stays", async () => {
    const before = await sealedRecords();
    useKeys(secondKey, [firstKey]);
    const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const lines: string[] = [];
    try {
      expect(await secretsRewrap.run([])).toBe(0);
      expect(await secretsRewrap.run([])).toBe(0);
      lines.push(...printed.mock.calls.map((args) => String(args[0])));
    } finally {
      printed.mockRestore();
    }
    const newId = masterKeyId(parseMasterKey(secondKey).key);
    expect(lines).toEqual([
      `Re-wrapped 3 stored secrets under the current key ${newId}.`,
      `Nothing to re-wrap: every stored secret is under the current key ${newId}.`,
    ]);
    const after = await sealedRecords();
    for (const cloud of clouds) {
      expect(before[cloud].kid).toBe(masterKeyId(parseMasterKey(firstKey).key));
      expect(after[cloud].kid).toBe(newId);
      expect(after[cloud].secretKeyId).toBe(newId);
      // The value's ciphertext is kept byte for byte; only its data key is re-wrapped.
      expect({ ct: after[cloud].ct, iv: after[cloud].iv }).toEqual({
        ct: before[cloud].ct,
        iv: before[cloud].iv,
      });
      expect(after[cloud].wkey).not.toBe(before[cloud].wkey);
    }
    const events = await getDb().auditEvent.findMany({ where: { action: "secret.rewrap" } });
    expect(events.map((event) => event.after)).toEqual([{ rewrapped: 3, failed: 0, keyId: newId }]);

    useKeys(secondKey, []);
    for (const cloud of clouds) {
      const opened = await openConnection(getDb(), connections[cloud].id);
      expect(opened.auth.kind).toBe("secret");
      expect(JSON.stringify(opened)).not.toContain(canaries.second[cloud]);
    }
    fakeAdapters.received.length = 0;
    fakeAdapters.next = { ok: true, principal: "fedlens-reader", details: [] };
    for (const cloud of clouds) await keep(await postTest(adminToken, connections[cloud].id));
    expect(fakeAdapters.received).toHaveLength(3);
  });

  it("leaves no trace in a pg_dump of the database, the logs or any API response", async () => {
    const url = new URL(inject("databaseUrl"));
    const { stdout: dump } = await promisify(execFile)("pg_dump", ["--data-only", url.toString()], {
      maxBuffer: 64 * 1024 * 1024,
    });
    // The dump holds the connections (so the search looks where they are)...
    for (const cloud of clouds) expect(dump).toContain(connections[cloud].id);
    expect(dump).toContain(serviceAccountKey("x").client_email);
    // ...and no canary, nor do the logs or the bodies.
    expect(hits(dump)).toEqual([]);
    expect(logLines.length).toBeGreaterThan(0);
    expect(hits(logLines.join("\n"))).toEqual([]);
    expect(bodies.length).toBe(3 * 4 + 3 + 1 + 3 + 3);
    expect(hits(bodies.join("\n"))).toEqual([]);
  });
});

async function sealedRecords() {
  const rows = await getDb().cloudConnection.findMany({
    where: { id: { in: clouds.map((cloud) => connections[cloud].id) } },
    select: { cloud: true, secret: true, secretKeyId: true },
  });
  const field = {
    azure: "clientSecret",
    aws: "secretAccessKey",
    gcp: "serviceAccountKey",
  } as const;
  return Object.fromEntries(
    rows.map((row) => {
      const record = JSON.parse(
        (row.secret as Record<string, string>)[field[row.cloud]] ?? "{}",
      ) as Record<string, string>;
      return [row.cloud, { ...record, secretKeyId: row.secretKeyId }];
    }),
  ) as unknown as Record<Cloud, Record<string, string | null>>;
}
