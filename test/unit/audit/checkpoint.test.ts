import { describe, expect, it } from "vitest";
import { buildKeyring } from "@/lib/audit/audit-key";
import { checkCheckpointSignature, signCheckpoint } from "@/lib/audit/checkpoint";
import { ZAuditCheckpoint } from "@/lib/schemas/audit";

const keyring = buildKeyring("current-audit-key".padEnd(40, "c"), ["p".repeat(40)]);
const head = { seq: "42", hash: "ab".repeat(32) };
const at = new Date("2026-12-06T01:02:03.000Z");

describe("audit checkpoints", () => {
  it("signs the head with the current key in a small JSON that parses back as a checkpoint", () => {
    const checkpoint = signCheckpoint(head, keyring.current, at);

    expect(checkpoint).toEqual({
      seq: "42",
      hash: head.hash,
      keyId: keyring.current.id,
      at: "2026-12-06T01:02:03.000Z",
      signature: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
    });
    expect(ZAuditCheckpoint.parse(JSON.parse(JSON.stringify(checkpoint)))).toEqual(checkpoint);
    expect(checkCheckpointSignature(checkpoint, keyring)).toBeNull();
  });

  it.each([
    ["seq", "41"],
    ["hash", "cd".repeat(32)],
    ["at", "2026-12-07T01:02:03.000Z"],
  ])("rejects a checkpoint whose %s was edited", (field, value) => {
    const checkpoint = { ...signCheckpoint(head, keyring.current, at), [field]: value };

    expect(checkCheckpointSignature(checkpoint, keyring)).toMatch(/signature is wrong/);
  });

  it("accepts a checkpoint signed with a previous key and names an unknown one", () => {
    const previous = [...keyring.byId.values()].find((key) => key.id !== keyring.current.id)!;
    const old = signCheckpoint(head, previous, at);

    expect(checkCheckpointSignature(old, keyring)).toBeNull();
    expect(checkCheckpointSignature(old, buildKeyring("current-audit-key".padEnd(40, "c")))).toBe(
      `the checkpoint is signed with audit key ${previous.id}, which is neither FEDLENS_AUDIT_KEY nor in FEDLENS_AUDIT_PREVIOUS_KEYS`,
    );
  });

  it("cannot be forged from the chain key: the checkpoint key is a different derivation", () => {
    const checkpoint = signCheckpoint(head, keyring.current, at);
    const withChainKey = signCheckpoint(
      head,
      { ...keyring.current, checkpoint: keyring.current.chain },
      at,
    );

    expect(withChainKey.signature).not.toBe(checkpoint.signature);
  });

  it("signs an empty trail as seq 0 with no hash", () => {
    expect(signCheckpoint(null, keyring.current, at)).toMatchObject({ seq: "0", hash: null });
  });
});
