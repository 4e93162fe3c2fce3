import { beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "@/lib/cli/args";
import { run } from "@/lib/cli/commands/token-create";
import { getDb } from "@/lib/db/client";
import { createTestUser } from "@/test/factories/users";

// `token create` in-process, on the test database the suite already opened
// (test/integration/cli runs the real binary for the rest of the command).
vi.mock("@/lib/cli/database", () => ({ openDatabase: async () => ({ close: async () => {} }) }));

const dayMs = 24 * 60 * 60 * 1000;

async function createWith(flags: string[]) {
  const name = `cli-${Math.random().toString(36).slice(2, 10)}`;
  const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
  const told = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    expect(await run(["--name", name, "--role", "viewer", ...flags])).toBe(0);
    const row = await getDb().apiToken.findFirstOrThrow({
      where: { name },
      select: { createdAt: true, expiresAt: true },
    });
    const days = row.expiresAt
      ? Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / dayMs)
      : null;
    return { days, stderr: told.mock.calls.flat().join("\n"), printed: printed.mock.calls.length };
  } finally {
    printed.mockRestore();
    told.mockRestore();
  }
}

beforeAll(async () => {
  await createTestUser({ role: "admin" });
});

describe("fedlens token create", () => {
  it("makes a token that expires in 90 days by default and says when", async () => {
    const result = await createWith([]);
    expect(result.days).toBe(90);
    expect(result.stderr).toMatch(/\(expires \d{4}-\d\d-\d\dT/);
    expect(result.printed).toBe(1);
  });

  it("takes --expires-in-days and --no-expiry", async () => {
    expect((await createWith(["--expires-in-days", "30"])).days).toBe(30);
    const never = await createWith(["--no-expiry"]);
    expect(never.days).toBeNull();
    expect(never.stderr).toContain("(never expires)");
  });

  it.each([
    [["--expires-in-days", "0"], /at least 1 day/],
    [["--expires-in-days", "soon"], /whole number of days/],
    [["--expires-in-days", "400"], /at most 365 days/],
    [["--expires-in-days", "30", "--no-expiry"], /not both/],
  ])("refuses %j as a usage error", async (flags, message) => {
    const attempt = run(["--name", "refused", "--role", "viewer", ...flags]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(message);
    expect(await getDb().apiToken.count({ where: { name: "refused" } })).toBe(0);
  });
});
