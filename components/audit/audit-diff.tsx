import { diffSnapshots } from "@/lib/audit/diff";
import { diffFieldLabel } from "@/lib/catalog/findings-labels";
import { cn } from "@/lib/utils";

function show(value: unknown): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

const changeClass = {
  added: "bg-success/10",
  removed: "bg-destructive/10",
  changed: "bg-warning",
  same: "",
} as const;

/** Before/after of one event, changed fields first; unchanged ones stay folded away. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffSnapshots(before, after);
  const changed = rows.filter((row) => row.change !== "same");
  const same = rows.filter((row) => row.change === "same");
  if (rows.length === 0)
    return <p className="text-sm text-muted-foreground">No snapshot recorded.</p>;
  return (
    // Fixed columns, and long values wrap at spaces where they can: a narrow
    // column no longer squeezes every word into a letter-by-letter break.
    <table className="w-full table-fixed text-xs">
      <thead>
        <tr className="text-left text-muted-foreground">
          <th scope="col" className="w-1/4 py-1 pr-3 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Before
          </th>
          <th scope="col" className="py-1 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {[...changed, ...same].map((row) => (
          <tr
            key={row.path}
            className={cn(
              changeClass[row.change],
              row.change === "same" && "text-muted-foreground",
            )}
          >
            <td className="py-1 pr-3 align-top wrap-anywhere">{diffFieldLabel(row.path)}</td>
            <td className="py-1 pr-3 align-top wrap-anywhere">{show(row.before)}</td>
            <td className="py-1 align-top wrap-anywhere">{show(row.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
