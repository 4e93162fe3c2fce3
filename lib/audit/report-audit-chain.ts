import "server-only";
import { toChainReport, type TAuditChainReport } from "@/lib/audit/chain-report";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { getDb, type DbOrTx } from "@/lib/db/client";

/** The verifier's verdict on the whole trail, as the console and the API show it. */
export async function reportAuditChain({
  db = getDb(),
  at = new Date(),
}: { db?: DbOrTx; at?: Date } = {}): Promise<TAuditChainReport> {
  return toChainReport(await verifyAuditChain({ db }), at);
}
