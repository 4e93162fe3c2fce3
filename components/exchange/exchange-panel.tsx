"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { ExchangeOutcome } from "@/components/exchange/exchange-outcome";
import { useTryExchange } from "@/lib/hooks/use-try-exchange";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { Timestamp } from "@/components/ui/timestamp";
import { exchangeKeys, exchangesQueryOptions } from "@/lib/queries/exchanges";

/** The binding page's try exchange: paste a token, ask the cloud, and the binding's past attempts. */
export function ExchangePanel({
  bindingId,
  canExchange,
}: {
  bindingId: string;
  canExchange: boolean;
}) {
  const field = useRef<HTMLTextAreaElement>(null);
  const queryClient = useQueryClient();
  const history = useInfiniteQuery(exchangesQueryOptions(bindingId));
  const { pending, attempt, error, run } = useTryExchange(
    () => void queryClient.invalidateQueries({ queryKey: exchangeKeys.binding(bindingId) }),
  );
  const past = history.data?.pages.flatMap((page) => page.data) ?? [];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const token = field.current?.value.trim() ?? "";
    if (!token) {
      field.current?.focus();
      return;
    }
    void run(token, bindingId).then(() => {
      if (field.current) field.current.value = "";
    });
  }

  return (
    <div className="grid gap-4">
      {canExchange ? (
        <form onSubmit={submit} className="grid gap-2" aria-label="Try exchange">
          <label htmlFor="exchange-token" className="text-sm font-medium">
            A token of this binding&apos;s workload
          </label>
          <Textarea
            id="exchange-token"
            ref={field}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-xs"
            placeholder="eyJhbGciOi…"
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
            }}
          />
          <p className="text-xs text-muted-foreground">
            Fedlens sends it to the cloud&apos;s token service for this binding, shows what the
            cloud answers, and discards any credential it gets at once. The token is not stored:
            only its SHA-256.
          </p>
          <div>
            <Button type="submit" disabled={pending}>
              {pending ? "Asking the cloud…" : "Try exchange"}
            </Button>
          </div>
        </form>
      ) : (
        <p className="text-sm text-muted-foreground">Operators can try an exchange here.</p>
      )}
      <div aria-live="polite">
        {error ? <Alert variant="error">{error}</Alert> : null}
        {attempt ? <ExchangeOutcome attempt={attempt} /> : null}
      </div>
      <section aria-labelledby="exchange-history" className="grid gap-2">
        <h3 id="exchange-history" className="text-sm font-medium">
          Past exchanges
        </h3>
        {history.isError ? (
          <Alert variant="error">The past exchanges could not be loaded.</Alert>
        ) : null}
        {history.isSuccess && past.length === 0 ? (
          <p className="text-sm text-muted-foreground">No exchange has been tried yet.</p>
        ) : null}
        {past.length ? (
          <ul className="grid gap-1 text-sm">
            {past.map((one) => (
              <li key={one.id} className="flex flex-wrap gap-2">
                <Timestamp iso={one.startedAt} />
                <span>
                  {one.status === "succeeded"
                    ? `issued (${one.fingerprint})`
                    : one.status === "failed"
                      ? `refused: ${one.error?.code ?? "unknown"}`
                      : one.status}
                </span>
                {one.agreement === "disagree" ? <span>differs from the prediction</span> : null}
                <span className="text-muted-foreground">by {one.actorLabel}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {history.hasNextPage ? (
          <div>
            <Button
              variant="outline"
              size="sm"
              disabled={history.isFetchingNextPage}
              onClick={() => void history.fetchNextPage()}
            >
              Older exchanges
            </Button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
