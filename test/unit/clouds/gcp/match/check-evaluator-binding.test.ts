import { describe, expect, it } from "vitest";
import { checkGcpEvaluatorBinding } from "@/lib/clouds/gcp/check-evaluator-binding";
import { ZGcpEvaluatorBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { bindingInput, member, policy } from "./fixtures";

// The trust map checks the provider part once per provider; every answer
// must still be the whole schema's, whichever binding of the provider came
// first.

function sameAsSchema(input: unknown) {
  const fast = checkGcpEvaluatorBinding(input);
  const whole = ZGcpEvaluatorBinding.safeParse(input);
  expect(fast.success).toBe(whole.success);
  if (fast.success && whole.success) expect(fast.data).toEqual(whole.data);
  if (!fast.success && !whole.success) expect(fast.error.issues).toEqual(whole.error.issues);
  return fast;
}

const allowed = policy([member("attribute.repository/octo-org/octo-repo")]);

describe("checkGcpEvaluatorBinding", () => {
  it("accepts bindings of one provider with their own service account policies", () => {
    expect(sameAsSchema(bindingInput(allowed)).success).toBe(true);
    const other = policy([member("attribute.repository/octo-org/other")]);
    const second = sameAsSchema(bindingInput(other));
    expect(second.success && second.data.serviceAccountIamPolicy?.members).toEqual(
      other.serviceAccountIamPolicy.members,
    );
    expect(sameAsSchema(bindingInput()).success).toBe(true);
  });

  it("refuses a bad service account policy on a provider already checked as valid", () => {
    sameAsSchema(bindingInput(allowed));
    const result = sameAsSchema(bindingInput(policy(["  "])));
    expect(result.success).toBe(false);
  });

  it("refuses every binding of an invalid provider, each time, with the schema's words", () => {
    const broken = bindingInput({ ...allowed, attributeCondition: "assertion.sub ==" });
    expect(sameAsSchema(broken).success).toBe(false);
    expect(sameAsSchema(bindingInput({ ...broken, ...policy(["user:x"]) })).success).toBe(false);
  });

  it("does not mistake values JSON cannot write for a remembered valid provider", () => {
    sameAsSchema(bindingInput({ ...allowed, attributeCondition: null }));
    expect(sameAsSchema(bindingInput({ ...allowed, attributeCondition: Number.NaN })).success).toBe(
      false,
    );
    expect(sameAsSchema(bindingInput({ ...allowed, extra: undefined })).success).toBe(false);
    expect(sameAsSchema(bindingInput({ ...allowed, disabled: new Date(0) })).success).toBe(false);
  });

  it("checks a provider edited under the same name afresh, even when changed in place", () => {
    const input = bindingInput(allowed);
    expect(sameAsSchema(input).success).toBe(true);
    input.attributeCondition = "assertion.sub ==";
    expect(sameAsSchema(input).success).toBe(false);
    input.attributeCondition = null;
    expect(sameAsSchema(input).success).toBe(true);
    const mapping = input.attributeMapping as Record<string, unknown>;
    mapping["google.subject"] = 42;
    expect(sameAsSchema(input).success).toBe(false);
    delete mapping["google.subject"];
    mapping["attribute.x"] = "assertion.sub";
    expect(sameAsSchema(input).success).toBe(false);
    expect(sameAsSchema(bindingInput({ ...allowed, extra: true })).success).toBe(false);
  });

  it("keeps a reordered mapping's own order, which orders its checks and messages", () => {
    const first = bindingInput(allowed);
    const mapping = first.attributeMapping as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(mapping).reverse());
    expect(Object.keys(reversed)).not.toEqual(Object.keys(mapping));
    sameAsSchema(first);
    const again = sameAsSchema({ ...first, attributeMapping: reversed });
    expect(again.success && Object.keys(again.data.attributeMapping ?? {})).toEqual(
      Object.keys(reversed),
    );
  });

  it("refuses what is not an object as the schema does", () => {
    expect(sameAsSchema(null).success).toBe(false);
    expect(sameAsSchema([bindingInput()]).success).toBe(false);
  });
});
