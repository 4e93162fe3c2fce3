import { Badge } from "@/components/ui/badge";
import type { TProposalStatus } from "@/lib/sync/import/import-schemas";

const labels: Record<TProposalStatus, string> = {
  new: "New",
  catalogued: "Already catalogued",
  conflicting: "Conflicting",
};

const variants = { new: "primary", catalogued: "default", conflicting: "warning" } as const;

export function ProposalStatusBadge({ status }: { status: TProposalStatus }) {
  return <Badge variant={variants[status]}>{labels[status]}</Badge>;
}
