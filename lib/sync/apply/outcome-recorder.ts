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
// parent. A batch is at most one outcome per parent in flight: each parent
// awaits its previous outcome before handing over the next.

type Waiting = OutcomeRecord & { settle: (error?: unknown) => void };

export type OutcomeRecorder = {
  /** Resolves once the outcome is committed; rejects when its batch failed. */
  record(operation: StepOperation, outcome: StepOutcome): Promise<void>;
};

export function outcomeRecorder(context: { actor: Actor; requestId: string }): OutcomeRecorder {
  let waiting: Waiting[] = [];
  let draining = false;

  async function drain() {
    draining = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await recordOutcomes(context, batch);
        for (const entry of batch) entry.settle();
      } catch (error) {
        for (const entry of batch) entry.settle(error ?? new Error("recording failed"));
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
