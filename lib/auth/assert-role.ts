import type { Actor } from "@/lib/auth/actor";
import { hasRole, type Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

/**
 * Use-cases repeat the check their caller made, so a new caller that forgets
 * it still cannot act above its role. The system actor (CLI, start-up) passes.
 */
export function assertRole(actor: Actor, required: Role): void {
  if (actor.type === "system") return;
  if (!hasRole(actor.role, required)) {
    throw new AppError("forbidden", { message: `This needs the ${required} role.` });
  }
}
