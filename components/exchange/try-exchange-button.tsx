"use client";

import { ExchangeOutcome } from "@/components/exchange/exchange-outcome";
import { useTryExchange } from "@/lib/hooks/use-try-exchange";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** On a diagnosis card: the real exchange with the token just diagnosed, for this binding. */
export function TryExchangeButton({ token, bindingId }: { token: string; bindingId: string }) {
  const { pending, attempt, error, run } = useTryExchange();
  return (
    <div className="grid gap-3">
      <div>
        <Button variant="outline" disabled={pending} onClick={() => void run(token, bindingId)}>
          {pending ? "Asking the cloud…" : "Try exchange"}
        </Button>
      </div>
      <div aria-live="polite">
        {error ? <Alert variant="error">{error}</Alert> : null}
        {attempt ? <ExchangeOutcome attempt={attempt} /> : null}
      </div>
    </div>
  );
}
