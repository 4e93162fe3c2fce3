import "server-only";
import type { Actor } from "@/lib/auth/actor";
import {
  recordOutcomes,
  type OutcomeRecord,
  type StepOperation,
  type StepOutcome,
} from "@/lib/sync/apply/record-outcome";

// One writer of outcomes for a whole apply. The parallel parents hand their
// outcomes here instead of each opening a transaction: every outcome waiting
// while a batch commits goes into the next one, so the audit chain's lock is
// taken once per batch (not once per change, queued behind the other
// parents), and recording holds one pooled connection rather than one per
// parent. Batches commit in turn, in the order outcomes were handed over;
// once one fails, every outcome after it is refused too, so a parent's
// records never commit out of order (the run stops, and a re-run recovers
// the steps left `applying`).

type Waiting = OutcomeRecord & { settle: (error?: unknown) => void };

export type OutcomeRecorder = {
  /** Resolves once the outcome is committed; rejects when its batch failed. */
  record(operation: StepOperation, outcome: StepOutcome): Promise<void>;
};

export function outcomeRecorder(context: { actor: Actor; requestId: string }): OutcomeRecorder {
  let waiting: Waiting[] = [];
  let draining = false;
  let failure: { error: unknown } | undefined;

  async function drain() {
    draining = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        if (failure) throw failure.error;
        await recordOutcomes(context, batch);
        for (const entry of batch) entry.settle();
      } catch (error) {
        failure ??= { error: error ?? new Error("Recording an outcome failed.") };
        for (const entry of batch) entry.settle(failure.error);
      }
    }
    draining = false;
  }

  return {
    record(operation, outcome) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({
          operation,
          outcome,
          settle: (error) => (error === undefined ? resolve() : reject(error)),
        });
        if (!draining) void drain();
      });
    },
  };
}
