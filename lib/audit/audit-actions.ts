// Every action name the trail can hold, for the audit filter. Adding a
// mutation means adding its name here.
export const auditActions = [
  "auth.sign_in",
  "user.create",
  "user.role.change",
  "user.disable",
  "user.enable",
  "api_token.create",
  "api_token.revoke",
  "issuer.create",
  "issuer.update",
  "issuer.delete",
] as const;

export const auditEntityTypes = ["user", "api_token", "issuer"] as const;

/** Where an entity lives in the console, when it has a page. */
export function entityHref(type: string, id: string | null): string | null {
  if (!id) return null;
  if (type === "issuer") return `/issuers/${id}`;
  return null;
}
