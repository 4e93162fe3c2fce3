import { CloudErrorDetails } from "@/components/drift/cloud-error-details";
import { Badge } from "@/components/ui/badge";
import { Timestamp } from "@/components/ui/timestamp";
import { VisibleText } from "@/components/ui/visible-text";
import type { TExchangeAttempt } from "@/lib/exchange/exchange-schemas";

// One try exchange: the cloud's answer, Fedlens's prediction beside it, and
// when the two differ, why they may.

function prediction(attempt: TExchangeAttempt): string {
  const { prediction: p } = attempt;
  if (p.undecided) return "Fedlens could not predict this answer.";
  if (p.accepted) return "Fedlens predicted the cloud would accept this token.";
  const check = p.failingCheck ? ` at the ${p.failingCheck.check} check` : "";
  return `Fedlens predicted a refusal${check}${p.cloudCode ? ` (${p.cloudCode})` : ""}.`;
}

export function ExchangeOutcome({ attempt }: { attempt: TExchangeAttempt }) {
  const succeeded = attempt.status === "succeeded";
  return (
    <div className="grid gap-3 text-sm" data-testid="exchange-outcome">
      <p className="flex flex-wrap items-center gap-2">
        <Badge variant={succeeded ? "primary" : "destructive"}>
          {succeeded ? "The cloud issued a credential" : "The cloud refused"}
        </Badge>
        {attempt.agreement === "disagree" ? (
          <Badge variant="warning">Differs from the prediction</Badge>
        ) : (
          <Badge variant="outline">As predicted</Badge>
        )}
        <span className="text-muted-foreground">
          {attempt.durationMs !== null ? `${attempt.durationMs} ms` : null}
        </span>
      </p>
      {succeeded ? (
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[9rem_1fr]">
          <dt className="text-muted-foreground">Identity</dt>
          <dd className="font-mono break-all">{attempt.identity}</dd>
          <dt className="text-muted-foreground">Expires</dt>
          <dd>{attempt.expiresAt ? <Timestamp iso={attempt.expiresAt} /> : "unknown"}</dd>
          <dt className="text-muted-foreground">Grants</dt>
          <dd className="break-all">{attempt.grants?.join(", ") || "none reported"}</dd>
          <dt className="text-muted-foreground">Fingerprint</dt>
          <dd>
            <code className="font-mono">{attempt.fingerprint}</code>{" "}
            <span className="text-muted-foreground">
              (the credential itself was discarded at once)
            </span>
          </dd>
        </dl>
      ) : attempt.error ? (
        <CloudErrorDetails error={attempt.error} />
      ) : (
        <p>The exchange did not finish.</p>
      )}
      <p>{prediction(attempt)}</p>
      {attempt.reasons?.length ? (
        <div className="rounded-md bg-warning px-4 py-3 text-warning-foreground">
          <p className="font-medium">
            {attempt.agreement === "disagree" ? "Why they may differ" : "Note"}
          </p>
          <ul className="mt-1 grid list-disc gap-1 pl-5">
            {attempt.reasons.map((reason) => (
              <li key={reason}>
                <VisibleText text={reason} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {attempt.steps?.length ? (
        <ol className="grid gap-1 text-muted-foreground" aria-label="Calls made">
          {attempt.steps.map((step, index) => (
            <li key={`${index}-${step.call}`}>
              {step.call}: {step.outcome === "ok" ? "answered" : "refused"} in {step.durationMs} ms
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
