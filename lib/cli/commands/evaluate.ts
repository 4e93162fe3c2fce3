import { readFile } from "node:fs/promises";
import { z } from "zod";
import { systemActor } from "@/lib/auth/actor";
import { parseArgs, requireFlag, UsageError } from "@/lib/cli/args";
import { openDatabase, type DatabaseSession } from "@/lib/cli/database";
import { checkSignature } from "@/lib/diagnose/check-signature";
import { evaluateWhatIf } from "@/lib/diagnose/evaluate-what-if";
import { findIssuerCandidates } from "@/lib/diagnose/issuer-candidates";
import { getDb } from "@/lib/db/client";
import { AppError, errorStatus, errorTitle, isAppError } from "@/lib/errors";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { problemType } from "@/lib/http/problem";
import { ZEvaluateInput, type TEvaluateInput } from "@/lib/schemas/diagnose";

export const usage =
  "evaluate --file F                what-if: evaluate one body of POST /api/v1/evaluate (or an array) and print the results";

const ZBodyList = z.array(z.unknown()).min(1).max(1000);

/** The problem document POST /api/v1/evaluate would answer for an unusable body. */
function problemOf(error: AppError) {
  return {
    type: problemType(error.code),
    title: errorTitle[error.code],
    status: errorStatus[error.code],
    detail: error.message,
    ...(error.invalidParams ? { invalid_params: error.invalidParams } : {}),
  };
}

function parseBody(value: unknown): TEvaluateInput {
  const parsed = ZEvaluateInput.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError("validation_failed", {
    message: "The body has invalid fields.",
    invalidParams: invalidParamsFrom(parsed.error),
  });
}

function explain(error: AppError): string {
  const detail = error.invalidParams?.map((param) => `${param.name}: ${param.reason}`).join("; ");
  return `${error.message}${detail ? ` (${detail})` : ""}`;
}

/**
 * Prints each Evaluation as JSON (an array for an array) and exits 0 even
 * when a cloud would reject the token. An array is answered item by item: an
 * unusable body gets its problem document in its place, is named on stderr,
 * and makes the exit code 2. The catalogue is opened only when a body
 * carries a token to verify.
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
  const isList = Array.isArray(json);
  if (isList) {
    const list = ZBodyList.safeParse(json);
    if (!list.success) throw new UsageError(`${file}: ${z.prettifyError(list.error)}`);
  } else {
    const single = ZEvaluateInput.safeParse(json);
    if (!single.success) throw new UsageError(`${file}: ${z.prettifyError(single.error)}`);
  }
  const bodies: unknown[] = isList ? (json as unknown[]) : [json];
  let database: DatabaseSession | undefined;
  const actor = systemActor("cli");
  let unusable = 0;
  try {
    const results = [];
    for (const [index, value] of bodies.entries()) {
      try {
        const body = parseBody(value);
        if (body.token && !database) database = await openDatabase();
        results.push(
          await evaluateWhatIf(body, async (token, header, iss) => {
            const { exact } = await findIssuerCandidates(getDb(), iss);
            return checkSignature(token, header, iss, exact, actor);
          }),
        );
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (!isList) throw new UsageError(`body ${index + 1}: ${explain(error)}`);
        unusable += 1;
        console.error(`body ${index + 1}: ${explain(error)}`);
        results.push(problemOf(error));
      }
    }
    console.log(JSON.stringify(isList ? results : results[0], null, 2));
    return unusable > 0 ? 2 : 0;
  } finally {
    await database?.close();
  }
}
