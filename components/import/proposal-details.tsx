import { describeFinding } from "@/lib/catalog/findings-labels";
import type { Finding } from "@/lib/catalog/findings";
import type { TFieldDiff, TImportFindings } from "@/lib/sync/import/import-schemas";

function labelled(finding: Finding): string {
  const { label, message } = describeFinding(finding);
  return label ? `${label}: ${message}` : message;
}

const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));

/** Errors (why a row cannot be selected), warnings, and the fields that differ from the catalogue. */
export function ProposalDetails({
  findings,
  diff,
}: {
  findings: TImportFindings;
  diff: TFieldDiff[];
}) {
  if (findings.errors.length + findings.warnings.length + diff.length === 0) return null;
  return (
    <div className="mt-1 grid gap-1 text-xs">
      {findings.errors.map((finding) => (
        <p key={`e:${finding.path}:${finding.message}`} className="text-destructive">
          ✕ {labelled(finding)}
        </p>
      ))}
      {findings.warnings.map((finding) => (
        <p key={`w:${finding.path}:${finding.message}`}>⚠ {labelled(finding)}</p>
      ))}
      {diff.length > 0 ? (
        <table className="mt-1 w-full table-fixed border text-left">
          <caption className="sr-only">Differences between the catalogue and the cloud</caption>
          <thead>
            <tr>
              <th className="w-1/4 px-1">Field</th>
              <th className="px-1">In the catalogue</th>
              <th className="px-1">In the cloud</th>
            </tr>
          </thead>
          <tbody>
            {diff.map((row) => (
              <tr key={row.path} className="border-t align-top">
                <td className="px-1 break-all">{row.path}</td>
                <td className="px-1 font-mono break-all">{show(row.catalogue)}</td>
                <td className="px-1 font-mono break-all">{show(row.cloud)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
