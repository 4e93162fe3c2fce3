import Link from "next/link";
import { SeverityBadge } from "@/components/risk/severity-badge";
import type { BindingRisk } from "@/lib/schemas/risk";

/** A binding's open findings: the worst severity and how many, linking to them. */
export function BindingRiskCell({ bindingId, risk }: { bindingId: string; risk?: BindingRisk }) {
  if (!risk) return <span className="text-muted-foreground">none</span>;
  return (
    <Link
      href={`/risks?bindingId=${bindingId}`}
      className="inline-flex items-center gap-2 hover:underline"
    >
      <SeverityBadge severity={risk.worst} />
      <span className="text-xs">
        {risk.count} {risk.count === 1 ? "finding" : "findings"}
      </span>
    </Link>
  );
}
