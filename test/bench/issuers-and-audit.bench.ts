// How the audit list and the issuer search scale: the same four requests
// through the real route handlers at 1,000 and at 100,000 rows per table. With
// keyset pagination and index-backed filters the first page should cost about
// the same at both sizes; the goal is p50(100k) ≤ 1.5 × p50(1k). The EXPLAIN
// plans at 100k show which index each query uses, so a seq scan stands out.
import type { BenchReport } from "./support/bench";
import { runScalingBench } from "./support/scaling";
import { rareKind, rareTerm, seedAuditEvents, seedIssuers } from "./support/seed";

export function run(): Promise<BenchReport> {
  return runScalingBench({
    title: "Audit list and issuer search",
    tables: ["issuer", "audit_event"],
    async probes() {
      const audit = await import("@/app/api/v1/audit/route");
      const issuers = await import("@/app/api/v1/issuers/route");
      return [
        { label: "audit, first page", handler: audit.GET, path: "/api/v1/audit" },
        {
          label: "audit ?action=issuer.update",
          handler: audit.GET,
          path: "/api/v1/audit?action=issuer.update",
        },
        {
          label: `issuers ?q=${rareTerm}`,
          handler: issuers.GET,
          path: `/api/v1/issuers?q=${rareTerm}`,
        },
        {
          label: `issuers ?q=${rareTerm}&kind=${rareKind}`,
          handler: issuers.GET,
          path: `/api/v1/issuers?q=${rareTerm}&kind=${rareKind}`,
        },
      ];
    },
    async seed(client, from, to) {
      await seedIssuers(client, from, to);
      await seedAuditEvents(client, to - from + 1);
    },
  });
}
