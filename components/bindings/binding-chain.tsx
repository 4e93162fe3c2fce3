import Link from "next/link";
import type { ReactNode } from "react";
import type { TargetKind } from "@/lib/clouds/types";
import { targetKindInfo } from "@/lib/clouds/registry";

function Step({ label, children }: { label: string; children: ReactNode }) {
  return (
    <li className="grid min-w-0 content-start gap-0.5 rounded-md border bg-card px-3 py-2">
      <span className="text-xs text-muted-foreground">{label}</span>
      {children}
    </li>
  );
}

// One row of four from lg up (a 1366 px screen holds it), one column below:
// never a wrapped row that leaves an arrow at a line's end.
function Arrow() {
  return (
    <li aria-hidden="true" className="self-center justify-self-center text-muted-foreground">
      <span className="lg:hidden">↓</span>
      <span className="hidden lg:inline">→</span>
    </li>
  );
}

/** issuer → workload → binding → target, each a link to its page. */
export function BindingChain({
  issuer,
  workload,
  binding,
  target,
}: {
  issuer: { id: string; name: string; issuerUrl: string } | null;
  workload: { id: string; name: string; subject: string };
  binding: { name: string };
  target: { id: string; name: string; kind: TargetKind };
}) {
  const linkClass = "font-medium text-primary hover:underline";
  return (
    <nav aria-label="Trust chain" className="mb-6">
      <ol className="grid gap-2 text-sm lg:grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)_auto_minmax(0,1fr)_auto_minmax(0,1fr)]">
        <Step label="Issuer">
          {issuer ? (
            <>
              <Link href={`/issuers/${issuer.id}`} className={linkClass}>
                {issuer.name}
              </Link>
              <span className="font-mono text-xs break-all">{issuer.issuerUrl}</span>
            </>
          ) : (
            <span className="text-muted-foreground">unknown</span>
          )}
        </Step>
        <Arrow />
        <Step label="Workload">
          <Link href={`/workloads/${workload.id}`} className={linkClass}>
            {workload.name}
          </Link>
          <span className="font-mono text-xs break-all">{workload.subject}</span>
        </Step>
        <Arrow />
        <Step label="Binding">
          <span aria-current="page" className="font-medium">
            {binding.name}
          </span>
        </Step>
        <Arrow />
        <Step label="Target">
          <Link href={`/targets/${target.id}`} className={linkClass}>
            {target.name}
          </Link>
          <span className="text-xs">{targetKindInfo(target.kind).label}</span>
        </Step>
      </ol>
    </nav>
  );
}
