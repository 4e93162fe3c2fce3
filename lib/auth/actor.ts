import type { Role } from "@/lib/auth/roles";

/**
 * Who is making a request. `id` is what the audit trail records: the user id
 * for a session, the token id for an API token, null for the system.
 */
export type Actor =
  | { type: "user"; id: string; userId: string; label: string; role: Role }
  | { type: "token"; id: string; userId: string; label: string; role: Role }
  | { type: "system"; id: null; userId: null; label: string; role: null };

export function systemActor(label = "system"): Actor {
  return { type: "system", id: null, userId: null, label, role: null };
}
