import { Badge } from "@/components/ui/badge";
import type { Severity } from "@/lib/risk/rules";

const variants = {
  critical: "destructive",
  high: "destructive",
  medium: "warning",
  low: "outline",
} as const;

export const severityLabels: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge variant={variants[severity]}>{severityLabels[severity]}</Badge>;
}
