import { randomUUID } from "node:crypto";
import { systemActor } from "@/lib/auth/actor";
import { parseArgs } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { rewrapConnectionSecrets } from "@/lib/connections/rewrap-connection-secrets";
import { getDb } from "@/lib/db/client";

export const usage =
  "secrets rewrap                   re-wrap stored cloud secrets under FEDLENS_SECRET_KEY after a rotation";

export async function run(argv: string[]): Promise<number> {
  parseArgs(argv, {});
  const db = await openDatabase();
  try {
    const outcome = await rewrapConnectionSecrets({
      actor: systemActor("cli"),
      requestId: randomUUID(),
      db: getDb(),
    });
    console.log(
      outcome.rewrapped === 0 && outcome.failed.length === 0
        ? `Nothing to re-wrap: every stored secret is under the current key ${outcome.keyId}.`
        : `Re-wrapped ${outcome.rewrapped} stored ${outcome.rewrapped === 1 ? "secret" : "secrets"} under the current key ${outcome.keyId}.`,
    );
    for (const failure of outcome.failed) {
      console.error(
        `Could not re-wrap the secret of connection "${failure.connection}": ${failure.reason}.`,
      );
    }
    if (outcome.failed.length) {
      console.error(
        "Put the key those secrets were sealed under in FEDLENS_SECRET_PREVIOUS_KEYS and run this again, or store new secrets for those connections.",
      );
      return 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}
