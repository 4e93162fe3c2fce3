import { z } from "zod";

// The read-modify-write of one service account's IAM policy, as pure code:
// add or remove single members of a role's unconditional binding and leave
// everything else (conditional bindings, other roles, others' members, audit
// configs, fields this code does not know) exactly as read.
// https://cloud.google.com/iam/docs/reference/rest/v1/Policy
// https://cloud.google.com/iam/docs/policies#versions (version 3 keeps conditions)

const ZPolicyBinding = z.looseObject({
  role: z.string(),
  members: z.array(z.string()).default([]),
  condition: z.looseObject({ expression: z.string() }).optional(),
});
export const ZWritablePolicy = z.looseObject({
  etag: z.string().optional(),
  version: z.number().optional(),
  bindings: z.array(ZPolicyBinding).optional(),
});
export type WritablePolicy = z.infer<typeof ZWritablePolicy>;
type PolicyBinding = z.infer<typeof ZPolicyBinding>;

/** One member to grant or revoke in one role, unconditionally. */
export type PolicyEdit = { op: "add" | "remove"; role: string; member: string };

const isUnconditional = (binding: PolicyBinding, role: string) =>
  binding.role === role && !binding.condition;

function applyEdit(bindings: PolicyBinding[], edit: PolicyEdit): PolicyBinding[] {
  const own = bindings.filter((binding) => isUnconditional(binding, edit.role));
  const holds = own.some((binding) => binding.members.includes(edit.member));
  if (edit.op === "add") {
    if (holds) return bindings;
    const [first] = own;
    if (!first) return [...bindings, { role: edit.role, members: [edit.member] }];
    return bindings.map((binding) =>
      binding === first ? { ...binding, members: [...binding.members, edit.member] } : binding,
    );
  }
  if (!holds) return bindings;
  return bindings.flatMap((binding) => {
    if (!isUnconditional(binding, edit.role)) return [binding];
    const members = binding.members.filter((member) => member !== edit.member);
    // IAM refuses a binding without members: the role's binding goes with its last member.
    return members.length > 0 ? [{ ...binding, members }] : [];
  });
}

/** The policy with the edits applied, or null when it already holds them. */
export function editPolicy(policy: WritablePolicy, edits: PolicyEdit[]): WritablePolicy | null {
  const before = policy.bindings ?? [];
  const after = edits.reduce(applyEdit, before);
  if (after === before) return null;
  // Version 3 on every write: it is required as soon as the policy holds a
  // condition, and harmless otherwise.
  return { ...policy, version: 3, bindings: after };
}

/** The members of a role's unconditional binding(s). */
export function roleMembers(policy: WritablePolicy, role: string): string[] {
  return (policy.bindings ?? [])
    .filter((binding) => isUnconditional(binding, role))
    .flatMap((binding) => binding.members);
}
