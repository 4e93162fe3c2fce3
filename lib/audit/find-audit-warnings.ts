import "server-only";
import { auditBypassWarning, findAuditBypasses } from "@/lib/audit/find-audit-bypasses";
import { loadAuditKeyring } from "@/lib/audit/load-audit-keyring";
import { getDb, type DbOrTx } from "@/lib/db/client";

/** A trail whose last event is under a key this process does not hold. */
async function unknownHeadKeyWarning(db: DbOrTx): Promise<string | null> {
  const keyring = await loadAuditKeyring();
  const head = await db.auditEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { keyId: true },
  });
  if (!head?.keyId || keyring.byId.has(head.keyId)) return null;
  return (
    `The audit trail's last event is under audit key ${head.keyId}, which is neither FEDLENS_AUDIT_KEY ` +
    `nor in FEDLENS_AUDIT_PREVIOUS_KEYS. The next change rotates the trail to key ${keyring.current.id}; ` +
    'put the old key in FEDLENS_AUDIT_PREVIOUS_KEYS so that "audit verify" can check the events before it.'
  );
}

/** What `serve` prints before the console starts and the admin pages show on top. */
export async function findAuditWarnings({ db = getDb() }: { db?: DbOrTx } = {}): Promise<string[]> {
  const warnings = [
    auditBypassWarning(await findAuditBypasses(db)),
    await unknownHeadKeyWarning(db),
  ];
  return warnings.filter((warning): warning is string => warning !== null);
}
