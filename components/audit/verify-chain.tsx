"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { auditVerifyQueryOptions } from "@/lib/queries/audit";
import type { TAuditChainReport } from "@/lib/audit/chain-report";

function Report({ report }: { report: TAuditChainReport }) {
  const checked = `${report.checked} ${report.checked === 1 ? "event" : "events"}`;
  if (report.ok) {
    return (
      <Alert variant="success">
        The chain holds: {checked} checked
        {report.head ? `, up to #${report.head.seq}` : ""}.
      </Alert>
    );
  }
  return (
    <Alert variant="error">
      The chain is broken at #{report.brokenSeq}: {report.reason}. {checked} verified before it.
    </Alert>
  );
}

/** Admins recompute the whole hash chain on demand; nothing runs until asked. */
export function VerifyChain() {
  const verify = useQuery(auditVerifyQueryOptions());
  return (
    <div className="grid gap-2">
      <Button
        variant="outline"
        size="sm"
        className="justify-self-start"
        onClick={() => void verify.refetch()}
        disabled={verify.isFetching}
      >
        {verify.isFetching ? "Verifying…" : "Verify chain"}
      </Button>
      {verify.error ? <Alert variant="error">{verify.error.message}</Alert> : null}
      {verify.data && !verify.isFetching ? <Report report={verify.data} /> : null}
    </div>
  );
}
