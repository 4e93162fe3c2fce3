import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildKeyring, deriveAuditKey } from "@/lib/audit/audit-key";

const secret = "s".repeat(24) + "-audit-key-0123456789";

describe("deriveAuditKey", () => {
  it("names the key by a 16-hex fingerprint that is neither the key nor its plain SHA-256", () => {
    const key = deriveAuditKey(secret);

    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
    expect(key.id).toBe(deriveAuditKey(secret).id);
    expect(secret).not.toContain(key.id);
    expect(createHash("sha256").update(secret).digest("hex")).not.toContain(key.id);
  });

  it("derives distinct chain and checkpoint keys, and distinct ids for distinct secrets", () => {
    const key = deriveAuditKey(secret);

    expect(key.chain.equals(key.checkpoint)).toBe(false);
    expect(key.chain.toString("utf8")).not.toContain(secret);
    expect(deriveAuditKey(`${secret}x`).id).not.toBe(key.id);
  });
});

describe("buildKeyring", () => {
  it("holds the current key and every previous one by id", () => {
    const previous = ["p".repeat(40), "q".repeat(40)];
    const keyring = buildKeyring(secret, previous);

    expect(keyring.current.id).toBe(deriveAuditKey(secret).id);
    expect([...keyring.byId.keys()].sort()).toEqual(
      [secret, ...previous].map((value) => deriveAuditKey(value).id).sort(),
    );
  });
});
