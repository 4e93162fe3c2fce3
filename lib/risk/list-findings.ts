import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { collectFindings } from "@/lib/risk/collect-findings";
import { pageFindings, type FindingPage } from "@/lib/risk/page-findings";
import type { TFindingListQuery } from "@/lib/schemas/risk";

export async function listFindings({
  query,
  db,
  now,
}: {
  query: TFindingListQuery;
  db?: DbOrTx;
  now?: Date;
}): Promise<FindingPage> {
  return pageFindings(await collectFindings({ db, now }), query);
}
