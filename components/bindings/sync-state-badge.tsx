import { Badge } from "@/components/ui/badge";
import type { TSyncState } from "@/lib/schemas/binding";

type Look = {
  label: string;
  variant: "outline" | "default" | "primary" | "warning" | "destructive";
  /** What the state means, in the operator's words (the badge's tooltip). */
  description: string;
};

const looks: Record<TSyncState, Look> = {
  pending: {
    label: "Pending",
    variant: "outline",
    description:
      "Not compared with the cloud yet: its target has no cloud connection, or no check has run since.",
  },
  "in-sync": {
    label: "In sync",
    variant: "primary",
    description: "The last check found in the cloud exactly what Fedlens holds.",
  },
  drifted: {
    label: "Drifted",
    variant: "warning",
    description:
      "The cloud holds this trust with different values; the binding page lists each difference.",
  },
  missing: {
    label: "Missing",
    variant: "destructive",
    description: "The cloud was read and this trust, or its whole target, is not there any more.",
  },
  unknown: {
    label: "Unknown",
    variant: "default",
    description:
      "Fedlens could not read the cloud (no permission, throttled or unreachable), so it cannot say; this never means deleted.",
  },
  error: {
    label: "Sync error",
    variant: "destructive",
    description: "The last attempt to write this trust to the cloud failed.",
  },
};

export function syncStateDescription(state: TSyncState): string {
  return looks[state].description;
}

export function SyncStateBadge({ state }: { state: TSyncState }) {
  const look = looks[state];
  return (
    <Badge variant={look.variant} title={look.description}>
      {look.label}
    </Badge>
  );
}

export const syncStateLabels = Object.fromEntries(
  Object.entries(looks).map(([state, look]) => [state, look.label]),
) as Record<TSyncState, string>;
