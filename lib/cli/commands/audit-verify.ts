import { readFile } from "node:fs/promises";
import { z } from "zod";
import { createAuditCheckpoint } from "@/lib/audit/create-audit-checkpoint";
import { findCheckpointBreak } from "@/lib/audit/verify-audit-checkpoint";
import { parseArgs, UsageError } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { getDb } from "@/lib/db/client";
import { ZAuditCheckpoint, type TAuditCheckpoint } from "@/lib/schemas/audit";

export const usage =
  "audit verify [--since-checkpoint FILE]   recompute the keyed audit chain; print a signed checkpoint";

async function readCheckpoint(file: string): Promise<TAuditCheckpoint> {
  const text = await readFile(file, "utf8").catch(() => {
    throw new UsageError(`--since-checkpoint: cannot read ${file}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`--since-checkpoint: ${file} is not JSON`);
  }
  const parsed = ZAuditCheckpoint.safeParse(json);
  if (!parsed.success) {
    throw new UsageError(
      `--since-checkpoint: ${file} is not a checkpoint\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

function brokenLine(brokenSeq: string | null, reason: string, count: number): string {
  return brokenSeq === null
    ? `checkpoint rejected: ${reason}`
    : `broken at seq ${brokenSeq}: ${reason} (${count} events verified before it)`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { "since-checkpoint": "string" });
  const file = args.flags["since-checkpoint"];
  const since = typeof file === "string" ? await readCheckpoint(file) : null;
  const db = await openDatabase();
  try {
    const { verdict, checkpoint } = await createAuditCheckpoint({ db: getDb() });
    if (!verdict.ok) {
      console.log(brokenLine(verdict.brokenSeq, verdict.reason, verdict.count));
      return 1;
    }
    const gone =
      since && (await findCheckpointBreak({ db: getDb(), checkpoint: since, head: verdict.head }));
    if (gone) {
      console.log(brokenLine(gone.brokenSeq, gone.reason, verdict.count));
      return 1;
    }
    const notes = [
      since ? `extends the checkpoint at seq ${since.seq}` : null,
      verdict.legacyCount
        ? `the first ${verdict.legacyCount} predate the audit key and are checked by plain SHA-256 only`
        : null,
    ].filter(Boolean);
    console.log(`ok ${verdict.count} events${notes.length ? ` (${notes.join("; ")})` : ""}`);
    // Last line, alone: `… | tail -n 1 > checkpoint.json` keeps it for next time.
    console.log(JSON.stringify(checkpoint));
    return 0;
  } finally {
    await db.close();
  }
}
