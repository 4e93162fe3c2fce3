import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { parseArgs } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { getDb } from "@/lib/db/client";

export const usage = "audit verify                     recompute the audit hash chain";

export async function run(argv: string[]): Promise<number> {
  parseArgs(argv, {});
  const db = await openDatabase();
  try {
    const verdict = await verifyAuditChain({ db: getDb() });
    if (verdict.ok) {
      console.log(`ok ${verdict.count} events`);
      return 0;
    }
    console.log(
      `broken at seq ${verdict.brokenSeq}: ${verdict.reason} (${verdict.count} events verified before it)`,
    );
    return 1;
  } finally {
    await db.close();
  }
}
