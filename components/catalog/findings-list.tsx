import { Alert } from "@/components/ui/alert";
import type { Finding } from "@/lib/catalog/findings";

/** Warnings about a trust: what the cloud would do at exchange time, or a risk. */
export function FindingsList({
  findings,
  title = "Warnings",
}: {
  findings: Finding[];
  title?: string;
}) {
  if (findings.length === 0) return null;
  return (
    <Alert variant="warning">
      <p className="mb-1 font-medium">{title}</p>
      <ul className="grid gap-1">
        {findings.map((finding) => (
          <li key={`${finding.path}:${finding.message}`}>
            ⚠ {finding.message}
            {finding.path ? (
              <span className="ml-1 font-mono text-xs opacity-70">({finding.path})</span>
            ) : null}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
