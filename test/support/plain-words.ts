// The guard behind CONVENTIONS 26: text a user reads (pages, API problem
// details, evaluation messages and sources) never names an internal file or
// a field path. Shared by the unit, integration and browser tests.
import { presentEvaluation, type PublicEvaluation } from "@/lib/federation/public-evaluation";
import { publicSource } from "@/lib/federation/sources";
import type { Evaluation } from "@/lib/federation/types";

const internalReferences = [/CLOUDS\.md/, /SECURITY\.md/, /DESIGN\.md/, /\bspec\.[A-Za-z]/];

/** The internal references in `text`, with a little context each. */
export function internalReferencesIn(text: string): string[] {
  return internalReferences.flatMap((pattern) => {
    const found = new RegExp(pattern.source, "g");
    return [...text.matchAll(found)].map((match) =>
      text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 20),
    );
  });
}

/** Throws, naming each offending piece, if any text names an internal file or a field path. */
export function assertPlainWords(texts: Iterable<string>, where: string): void {
  const found = [...texts].flatMap(internalReferencesIn);
  if (found.length > 0) {
    throw new Error(
      `${where} shows internal references:\n${found.map((f) => `  …${f}…`).join("\n")}`,
    );
  }
}

/** Every piece of prose an evaluation carries, sources included. */
export function evaluationTexts(evaluation: PublicEvaluation): string[] {
  return [
    ...evaluation.checks.flatMap((check) => {
      if (check.source !== undefined && !/^https:\/\//.test(check.source.url)) {
        throw new Error(
          `source of ${check.check} is not a public link: ${JSON.stringify(check.source)}`,
        );
      }
      return [check.message, check.hint, check.unconfirmed, check.source?.title];
    }),
    evaluation.cloudError?.message,
    evaluation.broad?.reason,
    ...(evaluation.caveats ?? []),
  ].filter((text): text is string => typeof text === "string");
}

type ProblemBody = { title?: unknown; detail?: unknown; invalid_params?: { reason?: unknown }[] };

/** What a problem document says to people: its title, detail and each field's reason. */
export function problemTexts(problem: ProblemBody): string[] {
  return [
    problem.title,
    problem.detail,
    ...(problem.invalid_params ?? []).map((param) => param.reason),
  ].filter((text): text is string => typeof text === "string");
}

/**
 * Holds an evaluator's raw answer to plain words as users get it (every
 * citation resolves to a public page; no prose names an internal file) and
 * returns it unchanged, so evaluator test fixtures can wrap their calls.
 */
export function inPlainWords<T extends Evaluation>(evaluation: T): T {
  for (const check of evaluation.checks) {
    if (check.source !== undefined && publicSource(check.source) === null) {
      throw new Error(`the ${check.check} check's source has no public page: ${check.source}`);
    }
  }
  assertPlainWords(evaluationTexts(presentEvaluation(evaluation)), "evaluation");
  return evaluation;
}
