// Every action name the trail can hold, for the audit filter. Adding a
// mutation means adding its name here.
export const auditActions = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "user.create",
  "user.role.change",
  "user.disable",
  "user.enable",
  "api_token.create",
  "api_token.revoke",
  "issuer.create",
  "issuer.update",
  "issuer.delete",
  "workload.create",
  "workload.update",
  "workload.delete",
  "target.create",
  "target.update",
  "target.delete",
  "binding.create",
  "binding.update",
  "binding.delete",
  "binding.exchange",
  "binding.adopt",
  "workload.sample_token",
  "token.diagnose",
  "audit.key.rotate",
  "connection.create",
  "connection.update",
  "connection.secret.replace",
  "connection.delete",
  "connection.test",
  "connection.sandbox.refresh",
  "secret.rewrap",
  "import.start",
  "import.commit",
  "drift.check",
  "drift.change",
  "sync.plan",
  "sync.approve",
  "sync.apply",
  "risk.accept",
] as const;

export const auditEntityTypes = [
  "user",
  "api_token",
  "issuer",
  "workload",
  "target",
  "binding",
  "audit_key",
  "connection",
  "secret",
  "import",
  "drift",
  "sync",
  "diagnosis",
  "risk",
] as const;

const entityPaths: Record<string, string> = {
  issuer: "/issuers",
  workload: "/workloads",
  target: "/targets",
  binding: "/bindings",
  connection: "/settings/connections",
  sync: "/sync",
};

/** Where an entity lives in the console, when it has a page. */
export function entityHref(type: string, id: string | null): string | null {
  const base = entityPaths[type];
  return id && base ? `${base}/${id}` : null;
}
