import Link from "next/link";
import { SyncStateBadge, syncStateDescription } from "@/components/bindings/sync-state-badge";
import { CloudErrorDetails } from "@/components/drift/cloud-error-details";
import { DriftDiffTable } from "@/components/drift/drift-diff-table";
import { Timestamp } from "@/components/ui/timestamp";
import type { TBindingDrift } from "@/lib/schemas/drift";

function Detail({ binding }: { binding: TBindingDrift }) {
  const { detail } = binding;
  if (detail?.kind === "diff") return <DriftDiffTable differences={detail.differences} />;
  if (detail?.kind === "missing") {
    return (
      <p className="text-sm">
        {detail.reason === "target-missing"
          ? "The whole target was not found in the cloud."
          : "The target was read, and this trust is not on it any more."}
      </p>
    );
  }
  if (detail?.kind === "error") return <CloudErrorDetails error={detail.error} />;
  return <p className="text-sm text-muted-foreground">{syncStateDescription(binding.syncState)}</p>;
}

/** Each binding's state after the last check, with its differences or why it is unknown. */
export function BindingDriftList({
  bindings,
  showNames,
}: {
  bindings: TBindingDrift[];
  showNames: boolean;
}) {
  if (bindings.length === 0) {
    return <p className="text-sm text-muted-foreground">This target has no bindings to compare.</p>;
  }
  return (
    <ul className="grid gap-4">
      {bindings.map((binding) => (
        <li key={binding.id} className="grid gap-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {showNames ? (
              <Link href={`/bindings/${binding.id}`} className="font-medium hover:underline">
                {binding.name}
              </Link>
            ) : null}
            <SyncStateBadge state={binding.syncState} />
            <span className="text-muted-foreground">
              {binding.checkedAt ? (
                <>
                  checked <Timestamp iso={binding.checkedAt} />
                </>
              ) : (
                "never checked"
              )}
            </span>
          </div>
          <Detail binding={binding} />
        </li>
      ))}
    </ul>
  );
}
