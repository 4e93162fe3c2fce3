import type { Actor } from "@/lib/auth/actor";
import { systemActor } from "@/lib/auth/actor";
import { roles } from "@/lib/auth/roles";
import { z } from "zod";

// The actor who approved an apply, kept on the plan: the worker writes to the
// clouds on their approval, so each cloud write is audited under their name.

const ZApprover = z.object({
  type: z.enum(["user", "token", "system"]),
  id: z.string().nullable(),
  userId: z.string().nullable(),
  label: z.string(),
  role: z.enum(roles).nullable(),
});

export function approverSnapshot(actor: Actor): z.infer<typeof ZApprover> {
  const { type, id, userId, label, role } = actor;
  return { type, id, userId, label, role };
}

/** The approving actor back from the plan row; the system when the row holds none. */
export function approverOf(stored: unknown): Actor {
  const parsed = ZApprover.safeParse(stored);
  if (!parsed.success) return systemActor("sync apply");
  return parsed.data as Actor;
}
