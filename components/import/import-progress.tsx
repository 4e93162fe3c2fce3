import { Alert } from "@/components/ui/alert";
import type { TImportRun } from "@/lib/sync/import/import-schemas";

/** While the cloud is read: how far it got; after a failure: the cloud's words, the cause and the fix. */
export function ImportProgress({ run }: { run: TImportRun }) {
  if (run.status === "failed" && run.error) {
    return (
      <Alert variant="error">
        <p className="font-medium">The import could not read the cloud: {run.error.message}</p>
        <p>Cause: {run.error.cause}</p>
        <p>Fix: {run.error.fix}</p>
      </Alert>
    );
  }
  const progress = run.progress;
  return (
    <div role="status" aria-live="polite" className="grid gap-2 text-sm">
      <p>{run.status === "queued" ? "Waiting for a worker…" : (progress?.message ?? "Reading…")}</p>
      <progress
        className="w-full"
        aria-label="Objects read"
        value={progress?.read ?? 0}
        max={progress?.total ?? undefined}
      />
      {progress ? (
        <p className="text-xs text-muted-foreground">
          {progress.read}
          {progress.total === undefined ? "" : ` of ${progress.total}`} read
        </p>
      ) : null}
    </div>
  );
}
