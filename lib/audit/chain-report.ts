import { z } from "zod";
import type { ChainVerdict } from "@/lib/audit/verify-audit-chain";

// What the verifier's verdict tells an admin: how many events held, and where
// the chain first breaks. The verdict itself stays the one source of truth.

export const ZAuditChainReport = z.object({
  ok: z.boolean(),
  checked: z.number().int().meta({
    description: "Events verified from seq 1 before the first break (all of them when ok)",
  }),
  brokenSeq: z.string().nullable().meta({
    description: "The first seq at which the trail no longer verifies; null when ok",
  }),
  reason: z.string().nullable(),
  head: z.object({ seq: z.string(), hash: z.string() }).nullable().meta({
    description: "The last verified event; null when the trail is empty or broken",
  }),
  verifiedAt: z.iso.datetime(),
});
export type TAuditChainReport = z.infer<typeof ZAuditChainReport>;

export function toChainReport(verdict: ChainVerdict, at: Date): TAuditChainReport {
  const verifiedAt = at.toISOString();
  return verdict.ok
    ? {
        ok: true,
        checked: verdict.count,
        brokenSeq: null,
        reason: null,
        head: verdict.head,
        verifiedAt,
      }
    : {
        ok: false,
        checked: verdict.count,
        brokenSeq: verdict.brokenSeq,
        reason: verdict.reason,
        head: null,
        verifiedAt,
      };
}
