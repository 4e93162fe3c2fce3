import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

// At most one exchange in flight per binding, across processes: the attempt
// row is inserted as `running` before the cloud is called, and a partial
// unique index admits one running row per binding. A row left running by a
// process that died is taken over once it is older than any exchange lasts.

/** Longer than an exchange can take (each call is bounded by a 30 s timeout). */
const abandonedAfterMs = 2 * 60 * 1000;

export type AttemptStart = Omit<Prisma.ExchangeAttemptUncheckedCreateInput, "status" | "id">;

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function startAttempt(db: DbOrTx, data: AttemptStart): Promise<string> {
  for (let round = 0; round < 2; round += 1) {
    try {
      const row = await db.exchangeAttempt.create({ data, select: { id: true } });
      return row.id;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const abandoned = await db.exchangeAttempt.updateMany({
        where: {
          bindingId: data.bindingId,
          status: "running",
          startedAt: { lt: new Date(Date.now() - abandonedAfterMs) },
        },
        data: { status: "abandoned", finishedAt: new Date() },
      });
      if (abandoned.count === 0) break;
    }
  }
  throw new AppError("rate_limited", {
    message: "An exchange for this binding is already running; wait for its answer.",
    retryAfterSeconds: 5,
  });
}
