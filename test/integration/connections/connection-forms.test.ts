import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { idleState, type ActionState } from "@/lib/http/action-state";
import { createTestSessionCookie, createTestUser } from "@/test/factories/users";
import { canary, serviceAccountKey, withTestSecretKey } from "./connection-api";

// The connection forms as the browser posts them: flat fields named by the
// API's paths, errors back under the same names, secrets never sent back.

const request = vi.hoisted(() => ({ headers: new Headers(), cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => {
      const [key, ...value] = request.cookie.split("=");
      return key === name ? { name, value: value.join("=") } : undefined;
    },
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/clouds/adapters", async () => (await import("./fake-adapters")).adaptersModule);

const actions = await import("@/app/(console)/settings/connections/actions");

withTestSecretKey();

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const azureFields = (overrides: Record<string, string> = {}) => ({
  cloud: "azure",
  name: `form-${randomUUID().slice(0, 8)}`,
  "scope.tenantId": "72F988BF-86F1-41AF-91AB-2D7CD011DB47",
  "scope.subscriptionIds":
    "0b1f6471-1bf0-4dda-aec3-111122223333\n0b1f6471-1bf0-4dda-aec3-444455556666",
  "scope.resourceGroups": "",
  "scope.applicationObjectIds": "",
  "auth.kind": "secret",
  "auth.clientId": randomUUID(),
  "auth.clientSecret": canary("form"),
  "endpoints.azureResourceManager": "",
  "endpoints.awsEndpoint": "https://ignored.example.com",
  caBundle: "",
  ...overrides,
});

async function asAdmin(): Promise<void> {
  request.cookie = await createTestSessionCookie(await createTestUser({ role: "admin" }));
  request.headers = new Headers({ origin: "http://localhost:3000" });
}

beforeAll(asAdmin);

describe("the connection forms", () => {
  it("create a connection from the form's fields and land on its page", async () => {
    const fields = azureFields();
    await expect(actions.createConnectionAction(idleState, form(fields))).rejects.toThrow(
      /NEXT_REDIRECT/,
    );
    const row = await getDb().cloudConnection.findUniqueOrThrow({ where: { name: fields.name } });
    expect(row.scope).toEqual({
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      subscriptionIds: [
        "0b1f6471-1bf0-4dda-aec3-111122223333",
        "0b1f6471-1bf0-4dda-aec3-444455556666",
      ],
      resourceGroups: [],
      applicationObjectIds: [],
    });
    // Only the chosen cloud's endpoint fields are read.
    expect(row.endpoints).toEqual({});
    expect(row.authKind).toBe("secret");
  });

  it("answer errors under the fields' own names and never send a secret back", async () => {
    const secret = canary("kept");
    const key = JSON.stringify({ ...serviceAccountKey(secret), type: "user" });
    const states: ActionState[] = [
      await actions.createConnectionAction(
        idleState,
        form(azureFields({ "scope.subscriptionIds": "not-a-guid", "auth.clientSecret": secret })),
      ),
      await actions.createConnectionAction(
        idleState,
        form({
          cloud: "gcp",
          name: "g",
          "scope.projectId": "fedlens-test-1",
          "scope.projectNumber": "482915736104",
          "auth.kind": "secret",
          "auth.serviceAccountKey": key,
        }),
      ),
    ];
    expect(states[0]?.fieldErrors).toEqual({
      "scope.subscriptionIds.0": expect.stringMatching(/^must be a GUID/),
    });
    expect(states[1]?.fieldErrors).toEqual({
      "auth.serviceAccountKey": "is not a service-account key (its type must be service_account)",
    });
    for (const state of states) {
      expect(state.status).toBe("error");
      expect(JSON.stringify(state)).not.toContain(secret);
      expect(state.values).not.toHaveProperty("auth.clientSecret");
      expect(state.values).not.toHaveProperty("auth.serviceAccountKey");
    }
  });

  it("replace the secret and test the connection from its page", async () => {
    const fields = azureFields();
    await expect(actions.createConnectionAction(idleState, form(fields))).rejects.toThrow(
      /NEXT_REDIRECT/,
    );
    const { id } = await getDb().cloudConnection.findUniqueOrThrow({
      where: { name: fields.name },
    });
    const replaced = await actions.replaceConnectionSecretAction(
      idleState,
      form({ id, clientId: "", clientSecret: canary("replaced") }),
    );
    expect(replaced).toEqual({
      status: "success",
      message: "Secret replaced. The old one is gone.",
    });
    const tested = await actions.testConnectionAction(idleState, form({ id }));
    expect(tested).toEqual({ status: "success", message: "The connection works." });
  });

  it("edit with the stored secret kept when its fields stay empty, and refuse a stale version", async () => {
    const fields = azureFields();
    await expect(actions.createConnectionAction(idleState, form(fields))).rejects.toThrow(
      /NEXT_REDIRECT/,
    );
    const before = await getDb().cloudConnection.findUniqueOrThrow({
      where: { name: fields.name },
      select: { id: true, secret: true },
    });
    const edit = {
      ...fields,
      id: before.id,
      version: "1",
      name: `${fields.name}-edited`,
      "auth.clientSecret": "",
    };
    await expect(actions.updateConnectionAction(idleState, form(edit))).rejects.toThrow(
      /NEXT_REDIRECT/,
    );
    const after = await getDb().cloudConnection.findUniqueOrThrow({
      where: { id: before.id },
      select: { secret: true, version: true, name: true },
    });
    expect(after).toEqual({ secret: before.secret, version: 2, name: `${fields.name}-edited` });
    const stale = await actions.updateConnectionAction(idleState, form(edit));
    expect(stale.message).toMatch(/changed by .+ after you loaded it/);
  });

  it("are refused to an operator, who changes nothing", async () => {
    request.cookie = await createTestSessionCookie(await createTestUser({ role: "operator" }));
    const fields = azureFields();
    try {
      const state = await actions.createConnectionAction(idleState, form(fields));
      expect(state).toMatchObject({ status: "error" });
      expect(await getDb().cloudConnection.count({ where: { name: fields.name } })).toBe(0);
    } finally {
      await asAdmin();
    }
  });
});
