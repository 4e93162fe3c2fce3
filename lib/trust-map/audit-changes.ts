import type { auditActions } from "@/lib/audit/audit-actions";
import type { CatalogueRowIds } from "@/lib/trust-map/load-trust-map";

// What each audited action does to the trust map, so the map cache can
// replay the trail since its last read instead of reloading the catalogue.
// Typed over every action name: adding an action to the trail without
// saying what it does to the map fails to compile.

type AuditAction = (typeof auditActions)[number];

/**
 * "rows": re-read the event's entity (issuer, workload, target or binding)
 * and what hangs off it; "rebuild": too wide to replay, load it all again;
 * "none": the map does not show what it changed.
 */
export type MapEffect = "rows" | "rebuild" | "none";

export const mapEffects = {
  "auth.sign_in": "none",
  "auth.sign_in_failed": "none",
  "user.create": "none",
  "user.role.change": "none",
  "user.disable": "none",
  "user.enable": "none",
  "api_token.create": "none",
  "api_token.revoke": "none",
  // A new issuer has no workloads yet; an edited URL moves every workload of
  // it to another part of the graph, and a delete leaves none behind.
  "issuer.create": "rows",
  "issuer.update": "rebuild",
  "issuer.delete": "rebuild",
  "workload.create": "rows",
  "workload.update": "rows",
  "workload.delete": "rows",
  // A target edit also resets its bindings' sync state.
  "target.create": "rows",
  "target.update": "rows",
  "target.delete": "rows",
  "binding.create": "rows",
  "binding.update": "rows",
  "binding.delete": "rows",
  "binding.exchange": "none",
  "binding.adopt": "rows",
  "workload.sample_token": "none",
  "token.diagnose": "none",
  "audit.key.rotate": "none",
  "connection.create": "none",
  "connection.update": "none",
  "connection.secret.replace": "none",
  "connection.delete": "none",
  "connection.test": "none",
  "connection.sandbox.refresh": "none",
  "secret.rewrap": "none",
  "import.start": "none",
  // Every issuer, workload, target and binding an import creates has its own
  // create event (and its sync state is written in the same transaction).
  "import.commit": "none",
  "drift.check": "none",
  // A binding's sync state moved, or a target's unmanaged objects did.
  "drift.change": "rows",
  "sync.plan": "none",
  "sync.approve": "none",
  // The outcome of one step on a binding (or a target's delete): its sync state.
  "sync.apply": "rows",
  "risk.accept": "none",
} as const satisfies Record<AuditAction, MapEffect>;

export type AuditEventRef = { action: string; entityType: string; entityId: string | null };

const rowKinds = {
  issuer: "issuers",
  workload: "workloads",
  target: "targets",
  binding: "bindings",
} as const satisfies Record<string, keyof CatalogueRowIds>;

/** The rows to re-read for these events, or null when only a full rebuild is safe. */
export function rowsToReread(events: AuditEventRef[]): CatalogueRowIds | null {
  const ids = { issuers: [], workloads: [], targets: [], bindings: [] } as CatalogueRowIds;
  for (const event of events) {
    const effect: MapEffect | undefined = (mapEffects as Record<string, MapEffect>)[event.action];
    // An action this build does not know (a newer release wrote it) may change anything.
    if (effect === undefined || effect === "rebuild") return null;
    if (effect === "none") continue;
    const kind = (rowKinds as Record<string, keyof CatalogueRowIds>)[event.entityType];
    if (!kind || !event.entityId) return null;
    ids[kind].push(event.entityId);
  }
  for (const kind of Object.keys(ids) as (keyof CatalogueRowIds)[])
    ids[kind] = [...new Set(ids[kind])];
  return ids;
}
