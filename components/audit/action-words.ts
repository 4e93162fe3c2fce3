import type { auditActions } from "@/lib/audit/audit-actions";

// What each audit action means, in the words the rest of the console uses:
// the trail's own names (binding.update) are for filters, exports and the API.

type AuditAction = (typeof auditActions)[number];

export const auditActionWords: Record<AuditAction, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "user.create": "User added",
  "user.role.change": "User's role changed",
  "user.disable": "User disabled",
  "user.enable": "User enabled",
  "api_token.create": "API token created",
  "api_token.revoke": "API token revoked",
  "issuer.create": "Issuer added",
  "issuer.update": "Issuer edited",
  "issuer.delete": "Issuer deleted",
  "workload.create": "Workload added",
  "workload.update": "Workload edited",
  "workload.delete": "Workload deleted",
  "target.create": "Cloud target added",
  "target.update": "Cloud target edited",
  "target.delete": "Cloud target deleted",
  "binding.create": "Binding added",
  "binding.update": "Binding edited",
  "binding.delete": "Binding deleted",
  "binding.exchange": "Token exchange tried",
  "binding.adopt": "Binding adopted from the cloud",
  "workload.sample_token": "Sample token made",
  "token.diagnose": "Token diagnosed",
  "audit.key.rotate": "Audit key rotated",
  "connection.create": "Cloud connection added",
  "connection.update": "Cloud connection edited",
  "connection.secret.replace": "Cloud connection's secret replaced",
  "connection.delete": "Cloud connection deleted",
  "connection.test": "Cloud connection tested",
  "connection.sandbox.refresh": "Sandbox connections refreshed",
  "secret.rewrap": "Secrets re-encrypted",
  "import.start": "Import started",
  "import.commit": "Import saved",
  "drift.check": "Drift check requested",
  "drift.change": "Drift state changed",
  "sync.plan": "Sync planned",
  "sync.approve": "Sync approved",
  "sync.apply": "Sync applied",
  "risk.accept": "Risk accepted",
};

/** The action in words; a name the console does not know (an older trail) as it is. */
export function actionWords(action: string): string {
  return Object.hasOwn(auditActionWords, action) ? auditActionWords[action as AuditAction] : action;
}
