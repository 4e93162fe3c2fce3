import { Badge } from "@/components/ui/badge";
import type { TBinding } from "@/lib/schemas/binding";

const looks: Record<
  TBinding["syncState"],
  { label: string; variant: "outline" | "primary" | "warning" | "destructive"; title: string }
> = {
  pending: {
    label: "Pending",
    variant: "outline",
    title: "Not yet compared with the cloud since it last changed.",
  },
  "in-sync": { label: "In sync", variant: "primary", title: "The cloud holds what Fedlens holds." },
  drifted: { label: "Drifted", variant: "warning", title: "The cloud holds something else." },
  error: { label: "Sync error", variant: "destructive", title: "The last sync attempt failed." },
};

export function SyncStateBadge({ state }: { state: TBinding["syncState"] }) {
  const look = looks[state];
  return (
    <Badge variant={look.variant} title={look.title}>
      {look.label}
    </Badge>
  );
}

export const syncStateLabels = Object.fromEntries(
  Object.entries(looks).map(([state, look]) => [state, look.label]),
) as Record<TBinding["syncState"], string>;
