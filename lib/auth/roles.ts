// Roles are ordered: each includes the rights of the ones before it
// (SECURITY.md 3.3).
export const roles = ["viewer", "operator", "admin"] as const;
export type Role = (typeof roles)[number];

export function roleRank(role: Role): number {
  return roles.indexOf(role);
}

export function hasRole(actual: Role, required: Role): boolean {
  return roleRank(actual) >= roleRank(required);
}

/** The weaker of two roles: an API token never outranks the user who made it. */
export function weakerRole(a: Role, b: Role): Role {
  return roleRank(a) <= roleRank(b) ? a : b;
}
