"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { Timestamp } from "@/components/ui/timestamp";
import { VisibleText } from "@/components/ui/visible-text";
import { diagnosesQueryOptions } from "@/lib/queries/diagnoses";
import type { TDiagnosisRecord } from "@/lib/schemas/diagnose";

const signatureBadge = {
  valid: { label: "valid", variant: "default" },
  invalid: { label: "invalid", variant: "destructive" },
  unverifiable: { label: "unverifiable", variant: "warning" },
} as const;

function SignatureBadge({ status }: { status: string }) {
  const known = signatureBadge[status as keyof typeof signatureBadge];
  return <Badge variant={known?.variant ?? "outline"}>{known?.label ?? status}</Badge>;
}

function audienceText(aud: TDiagnosisRecord["aud"]): string {
  if (aud === null) return "—";
  return Array.isArray(aud) ? aud.map(String).join(", ") : aud;
}

function verdicts({ accepted, rejected, undecided }: TDiagnosisRecord): string {
  if (accepted + rejected + undecided === 0) return "no bindings";
  const counts = `${accepted} accepted, ${rejected} rejected`;
  return undecided > 0 ? `${counts}, ${undecided} undecided` : counts;
}

/**
 * The caller's earlier diagnoses. Tokens are not kept, so a row cannot be
 * re-run: it says what was pasted (hash and a few claims) and how it fared.
 */
export function DiagnoseHistory() {
  const history = useInfiniteQuery(diagnosesQueryOptions());
  const rows = history.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section aria-labelledby="history-title" className="grid gap-3">
      <h2 id="history-title" className="text-lg font-semibold">
        Your recent diagnoses
      </h2>
      <p className="text-sm text-muted-foreground">
        Fedlens keeps each token&apos;s SHA-256 and a few claims, never the token, so paste it again
        to see the full diagnosis.
      </p>
      {history.error ? <Alert variant="error">{history.error.message}</Alert> : null}
      {history.isPending ? (
        <p className="text-sm text-muted-foreground">Loading your history…</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">No diagnoses yet.</p>
      ) : (
        <Table aria-label="Your recent diagnoses">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Subject and issuer</Th>
              <Th>Audience</Th>
              <Th>Signature</Th>
              <Th>Bindings</Th>
              <Th>SHA-256</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <Td className="text-xs whitespace-nowrap">
                  <Timestamp iso={row.createdAt} />
                </Td>
                <Td className="font-mono text-xs [overflow-wrap:anywhere]">
                  <div>{row.sub === null ? "(no sub)" : <VisibleText text={row.sub} />}</div>
                  <div className="text-muted-foreground">
                    {row.iss === null ? "(no iss)" : <VisibleText text={row.iss} />}
                  </div>
                </Td>
                <Td className="font-mono text-xs [overflow-wrap:anywhere]">
                  <VisibleText text={audienceText(row.aud)} />
                </Td>
                <Td>
                  <SignatureBadge status={row.signature} />
                </Td>
                <Td className="text-xs whitespace-nowrap">{verdicts(row)}</Td>
                <Td className="font-mono text-xs" title={row.tokenSha256}>
                  {row.tokenSha256.slice(0, 12)}…
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {history.hasNextPage ? (
        <Button
          variant="outline"
          className="justify-self-start"
          onClick={() => void history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
        >
          {history.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </section>
  );
}
