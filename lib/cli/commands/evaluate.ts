import { readFile } from "node:fs/promises";
import { z } from "zod";
import { systemActor } from "@/lib/auth/actor";
import { parseArgs, requireFlag, UsageError } from "@/lib/cli/args";
import { openDatabase, type DatabaseSession } from "@/lib/cli/database";
import { checkSignature } from "@/lib/diagnose/check-signature";
import { evaluateWhatIf } from "@/lib/diagnose/evaluate-what-if";
import { findIssuerCandidates } from "@/lib/diagnose/issuer-candidates";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { ZEvaluateInput } from "@/lib/schemas/diagnose";

export const usage =
  "evaluate --file F                what-if: evaluate one body of POST /api/v1/evaluate (or an array) and print the results";

const ZBodies = z.union([ZEvaluateInput, z.array(ZEvaluateInput).min(1).max(1000)]);

/**
 * Prints each Evaluation as JSON (an array for an array) and exits 0 even
 * when a cloud would reject the token; only unusable input fails. The
 * catalogue is opened only when a body carries a token to verify.
 */
export async function run(argv: string[]): Promise<number> {
  const file = requireFlag(parseArgs(argv, { file: "string" }), "file");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
  const parsed = ZBodies.safeParse(json);
  if (!parsed.success) throw new UsageError(`${file}: ${z.prettifyError(parsed.error)}`);
  const bodies = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  let database: DatabaseSession | undefined;
  const actor = systemActor("cli");
  try {
    const results = [];
    for (const [index, body] of bodies.entries()) {
      if (body.token && !database) database = await openDatabase();
      try {
        results.push(
          await evaluateWhatIf(body, async (token, header, iss) => {
            const { exact } = await findIssuerCandidates(getDb(), iss);
            return checkSignature(token, header, iss, exact, actor);
          }),
        );
      } catch (error) {
        if (!isAppError(error)) throw error;
        const detail = error.invalidParams
          ?.map((param) => `${param.name}: ${param.reason}`)
          .join("; ");
        throw new UsageError(`body ${index + 1}: ${error.message}${detail ? ` (${detail})` : ""}`);
      }
    }
    console.log(JSON.stringify(Array.isArray(parsed.data) ? results : results[0], null, 2));
    return 0;
  } finally {
    await database?.close();
  }
}
