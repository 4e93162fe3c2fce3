import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { idleState, type ActionState } from "@/lib/http/action-state";
import { defaultMaxFormBytes } from "@/lib/http/define-action";
import { getDb } from "@/lib/db/client";
import { createTestSessionCookie, createTestUser } from "@/test/factories/users";

// Server actions run inside a Next.js request; here the request is its
// headers and cookies, as next/headers would hand them to the wrapper.
const request = vi.hoisted(() => ({ headers: new Headers(), cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => {
    const jar = new Map(
      request.cookie
        .split(/;\s*/)
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
    );
    return { get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) };
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createIssuerAction } = await import("@/app/(console)/issuers/actions");
const { setupAction } = await import("@/app/(auth)/setup/actions");

const origin = "http://localhost:3000";

function issuerForm(fields: Record<string, string> = {}): FormData {
  const name = `form-${randomUUID().slice(0, 8)}`;
  const form = new FormData();
  const all = { kind: "generic", name, issuerUrl: `https://${name}.example.com`, ...fields };
  for (const [key, value] of Object.entries(all)) form.set(key, value);
  return form;
}

async function post(form: FormData, headers: Record<string, string>): Promise<ActionState> {
  request.headers = new Headers(headers);
  return createIssuerAction(idleState, form);
}

beforeAll(async () => {
  request.cookie = await createTestSessionCookie(await createTestUser({ role: "operator" }));
});

beforeEach(() => {
  request.headers = new Headers({ origin });
});

describe("server actions posted from elsewhere", () => {
  it.each<[string, Record<string, string>]>([
    ["no Origin header", {}],
    ["no Origin and a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["Origin: null", { origin: "null" }],
    ["another site's Origin", { origin: "https://evil.example" }],
    ["the same host on another port", { origin: "http://localhost:3001" }],
  ])("refuses a post with %s and changes nothing", async (_label, headers) => {
    const form = issuerForm();
    const state = await post(form, headers);
    expect(state).toMatchObject({ status: "error" });
    expect(state.message).toMatch(/not sent from this console/);
    expect(await getDb().issuer.count({ where: { name: String(form.get("name")) } })).toBe(0);
  });

  it("refuses the public first-run action without Origin too", async () => {
    request.headers = new Headers();
    const form = new FormData();
    form.set("name", "Mallory");
    form.set("email", `mallory-${randomUUID().slice(0, 8)}@example.test`);
    form.set("password", "long-enough-password");
    const state = await setupAction(idleState, form);
    expect(state.message).toMatch(/not sent from this console/);
    expect(await getDb().user.count({ where: { email: String(form.get("email")) } })).toBe(0);
  });

  it("runs a post from this console's origin", async () => {
    const form = issuerForm();
    await expect(post(form, { origin })).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await getDb().issuer.count({ where: { name: String(form.get("name")) } })).toBe(1);
  });

  it("runs a same-origin post whose browser sent Sec-Fetch-Site instead of Origin", async () => {
    const form = issuerForm();
    await expect(post(form, { "sec-fetch-site": "same-origin" })).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await getDb().issuer.count({ where: { name: String(form.get("name")) } })).toBe(1);
  });
});

describe("server actions over the size cap", () => {
  it("returns the form with a message naming the size and the field, for 2 MB of notes", async () => {
    const form = issuerForm({ notes: "x".repeat(2 * 1024 * 1024) });
    const state = await post(form, { origin });
    expect(state.status).toBe("error");
    expect(state.message).toBe(
      "The form is too large to save: 2.0 MiB, where at most 256 KiB is accepted. Shorten the highlighted field.",
    );
    expect(state.fieldErrors).toEqual({ notes: "is too large (at most 256 KiB in all)" });
    // The other fields come back; the oversized one does not travel back.
    expect(state.values).toMatchObject({ kind: "generic", name: form.get("name") });
    expect(state.values).not.toHaveProperty("notes");
    expect(await getDb().issuer.count({ where: { name: String(form.get("name")) } })).toBe(0);
  });

  it("counts bytes, not characters", async () => {
    // Three bytes each in UTF-8: under the cap in characters, over it in bytes.
    const notes = "€".repeat(Math.floor(defaultMaxFormBytes / 2));
    const state = await post(issuerForm({ notes }), { origin });
    expect(state.fieldErrors).toEqual({ notes: "is too large (at most 256 KiB in all)" });
  });

  it("lets a form just under the cap through to validation", async () => {
    const state = await post(issuerForm({ notes: "x".repeat(200 * 1024) }), { origin });
    expect(state.status).toBe("error");
    expect(state.message).toBe("Check the highlighted fields.");
    expect(state.fieldErrors?.notes).toMatch(/at most 4000 characters/);
  });
});
