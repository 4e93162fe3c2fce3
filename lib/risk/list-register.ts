import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { maxPageSize } from "@/lib/pagination";
import { collectFindings } from "@/lib/risk/collect-findings";
import { pageFindings, type FindingPage } from "@/lib/risk/page-findings";
import type { TFindingListQuery } from "@/lib/schemas/risk";

export type RegisterPages = {
  /** Always read: its counts head the page, whichever list is shown. */
  open: FindingPage;
  /** Null when only open findings were asked for. */
  accepted: FindingPage | null;
};

/**
 * The risks page's open and accepted findings from one computation of the
 * findings (the costly part: the whole catalogue judged), not one per list.
 */
export async function listRegister({
  query,
  db,
  now,
}: {
  query: TFindingListQuery;
  db?: DbOrTx;
  now?: Date;
}): Promise<RegisterPages> {
  const findings = await collectFindings({ db, now });
  const open = pageFindings(findings, { ...query, accepted: false });
  if (query.accepted === false) return { open, accepted: null };
  // Beside the open findings the accepted ones show one long page with a way
  // to all of them; asked for alone, they page like the open ones.
  const beside = query.accepted === undefined;
  const accepted = pageFindings(findings, {
    ...query,
    accepted: true,
    ...(beside ? { cursor: undefined, limit: maxPageSize } : {}),
  });
  return { open, accepted };
}
