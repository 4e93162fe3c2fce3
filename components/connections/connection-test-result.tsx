import { Badge } from "@/components/ui/badge";
import { Timestamp } from "@/components/ui/timestamp";
import { cloudLabels } from "@/lib/clouds/cloud-labels";
import type { Cloud } from "@/lib/clouds/types";
import type { TConnectionTest } from "@/lib/schemas/connection";

/** A short badge for lists: when the connection was last tested and how it went. */
export function ConnectionTestBadge({ lastTest }: { lastTest: TConnectionTest | null }) {
  if (!lastTest) return <span className="text-muted-foreground">Never tested</span>;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Badge variant={lastTest.ok ? "outline" : "destructive"}>
        {lastTest.ok ? "Works" : "Failed"}
      </Badge>
      <Timestamp iso={lastTest.at} className="text-xs text-muted-foreground" />
    </span>
  );
}

/** The last test in full: who Fedlens is in the cloud, or what the cloud said, why and what to do. */
export function ConnectionTestResult({
  cloud,
  lastTest,
}: {
  cloud: Cloud;
  lastTest: TConnectionTest | null;
}) {
  if (!lastTest) {
    return (
      <p className="text-sm text-muted-foreground">
        Not tested yet. Testing makes one harmless read in the cloud.
      </p>
    );
  }
  return (
    <div className="grid gap-2 text-sm" aria-live="polite">
      <p>
        Tested <Timestamp iso={lastTest.at} />:{" "}
        {lastTest.ok ? (
          <>
            Fedlens is <code className="font-mono break-all">{lastTest.principal}</code> in{" "}
            {cloudLabels[cloud]}.
          </>
        ) : (
          <>the cloud refused.</>
        )}
      </p>
      {lastTest.ok && lastTest.details.length ? (
        <ul className="list-disc pl-5 text-muted-foreground">
          {lastTest.details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {lastTest.error ? (
        <dl className="grid gap-x-6 gap-y-2 rounded-md border border-destructive bg-destructive/10 px-4 py-3 sm:grid-cols-[8rem_1fr]">
          <dt className="text-muted-foreground">{cloudLabels[cloud]} said</dt>
          <dd>
            <code className="font-mono">{lastTest.error.code}</code>: {lastTest.error.message}
          </dd>
          <dt className="text-muted-foreground">Why</dt>
          <dd>{lastTest.error.cause}</dd>
          <dt className="text-muted-foreground">What to do</dt>
          <dd>{lastTest.error.fix}</dd>
        </dl>
      ) : null}
    </div>
  );
}
