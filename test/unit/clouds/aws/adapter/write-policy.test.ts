import { describe, expect, it } from "vitest";
import { contentSid } from "@/lib/clouds/aws/adapter/statement-spec";
import { editTrustPolicy, serialisePolicy } from "@/lib/clouds/aws/adapter/write-policy";

// The pure read-modify-write: only the statement with the key changes.

const ec2 = {
  Sid: "Ec2",
  Effect: "Allow",
  Principal: { Service: "ec2.amazonaws.com" },
  Action: "sts:AssumeRole",
};
const noSid = {
  Effect: "Allow",
  Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/example.com" },
  Action: "sts:AssumeRoleWithWebIdentity",
  Condition: { StringEquals: { "example.com:sub": "x" } },
};
const ours = (sub: string) => ({
  Sid: "Fedlens1",
  Effect: "Allow",
  Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/example.com" },
  Action: "sts:AssumeRoleWithWebIdentity",
  Condition: { StringEquals: { "example.com:aud": "a", "example.com:sub": sub } },
});
const doc = (Statement: unknown) => ({ Version: "2012-10-17", Id: "keep-me", Statement });

function edited(
  document: Record<string, unknown>,
  key: string,
  desired: Record<string, unknown> | null,
) {
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const outcome = editTrustPolicy(document, statements, key, desired);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

describe("editTrustPolicy", () => {
  it("appends a new statement and keeps the others and the document's other elements", () => {
    const document = doc([ec2, noSid]);
    const result = edited(document, "Fedlens1", ours("a"));
    expect(result.edit).toBe("add");
    expect(result.document).toEqual(doc([ec2, noSid, ours("a")]));
    expect(Object.keys(result.document)).toEqual(["Version", "Id", "Statement"]);
    // The very objects parsed from IAM's answer, not rebuilt copies.
    const kept = result.document.Statement as unknown[];
    expect(kept[0]).toBe(ec2);
    expect(kept[1]).toBe(noSid);
  });

  it("replaces its statement in place", () => {
    const result = edited(doc([ours("a"), ec2]), "Fedlens1", ours("b"));
    expect(result).toMatchObject({ edit: "replace", before: ours("a"), after: ours("b") });
    expect(result.document.Statement).toEqual([ours("b"), ec2]);
  });

  it("changes nothing when the statement means the same, whatever its key order", () => {
    const { Condition, ...rest } = ours("a");
    const reordered = { Condition, ...rest };
    const document = doc([ec2, reordered]);
    const result = edited(document, "Fedlens1", ours("a"));
    expect(result.edit).toBe("none");
    expect(result.document).toBe(document);
  });

  it("removes its statement, and a second removal changes nothing", () => {
    const result = edited(doc([ec2, ours("a")]), "Fedlens1", null);
    expect(result).toMatchObject({ edit: "remove", before: ours("a"), after: null });
    expect(result.document.Statement).toEqual([ec2]);
    expect(edited(result.document, "Fedlens1", null).edit).toBe("none");
  });

  it("keeps a lone Statement object an object when it is replaced", () => {
    const result = edited(doc(ours("a")), "Fedlens1", ours("b"));
    expect(result.document.Statement).toEqual(ours("b"));
  });

  it("finds a statement without a Sid by the key the read side gave it, and adds the Sid", () => {
    const key = contentSid(noSid);
    const withSid = { Sid: key, ...noSid };
    const result = edited(doc([ec2, noSid]), key, withSid);
    expect(result.edit).toBe("replace");
    expect(result.document.Statement).toEqual([ec2, withSid]);
  });

  it.each([
    ["two statements share the key", doc([ours("a"), ours("b")]), ours("c"), "FedlensDuplicateSid"],
    ["the last statement would go", doc([ours("a")]), null, "FedlensEmptyTrustPolicy"],
    [
      "the policy would pass 2,048 characters",
      doc([ec2]),
      { ...ours("a"), Condition: { StringLike: { "example.com:sub": "x".repeat(2000) } } },
      "FedlensTrustPolicyTooLarge",
    ],
  ])("refuses when %s", (_, document, desired, code) => {
    const outcome = editTrustPolicy(
      document,
      [document.Statement].flat() as Record<string, unknown>[],
      "Fedlens1",
      desired,
    );
    expect(outcome).toMatchObject({ ok: false, error: { code, kind: expect.any(String) } });
  });

  it("writes compact JSON, which is what IAM counts against the quota", () => {
    expect(serialisePolicy(doc([ec2]))).not.toMatch(/\n|": /);
  });
});
