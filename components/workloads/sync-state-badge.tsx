import { Badge } from "@/components/ui/badge";
import type { TBinding } from "@/lib/schemas/binding";

const variants = {
  pending: "outline",
  "in-sync": "default",
  drifted: "warning",
  error: "destructive",
} as const;

const labels: Record<TBinding["syncState"], string> = {
  pending: "Pending",
  "in-sync": "In sync",
  drifted: "Drifted",
  error: "Error",
};

export function SyncStateBadge({ state }: { state: TBinding["syncState"] }) {
  return <Badge variant={variants[state]}>{labels[state]}</Badge>;
}
