import type { TDriftError } from "@/lib/schemas/drift";

/** Why the cloud could not be read: its own words, then what it means and what to do. */
export function CloudErrorDetails({ error }: { error: TDriftError }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
      <dt className="text-muted-foreground">The cloud said</dt>
      <dd>
        <code className="font-mono">{error.code}</code>
        {error.status ? ` (HTTP ${error.status})` : null}: {error.message}
      </dd>
      {error.object ? (
        <>
          <dt className="text-muted-foreground">Object</dt>
          <dd className="font-mono break-all">{error.object}</dd>
        </>
      ) : null}
      <dt className="text-muted-foreground">Cause</dt>
      <dd>{error.cause}</dd>
      <dt className="text-muted-foreground">Fix</dt>
      <dd>{error.fix}</dd>
    </dl>
  );
}
