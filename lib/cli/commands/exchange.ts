import { readFile } from "node:fs/promises";
import { systemActor } from "@/lib/auth/actor";
import { parseArgs, requireFlag, UsageError } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import type { TExchangeAttempt } from "@/lib/exchange/exchange-schemas";
import { maxTokenLength } from "@/lib/exchange/exchange-schemas";
import { tryExchange } from "@/lib/exchange/try-exchange";
import { ZIdParams } from "@/lib/schemas/common";

export const usage =
  "exchange --binding ID --token-file F [--json]   exchange the token (F, or - for stdin) with the binding's cloud for real and compare with the prediction (exit 0: a credential was issued, 1: refused)";

// The token is read from a file or stdin, never from the command line, where
// it would sit in the shell history and the process list.
async function readTokenFile(path: string): Promise<string> {
  if (path === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString("utf8").trim();
  }
  const text = await readFile(path, "utf8").catch(() => {
    throw new UsageError(`--token-file: cannot read ${path}`);
  });
  return text.trim();
}

function lines(attempt: TExchangeAttempt): string[] {
  const out: string[] = [];
  if (attempt.status === "succeeded") {
    out.push(`Issued: a credential for ${attempt.identity}, until ${attempt.expiresAt}.`);
    out.push(`Grants: ${attempt.grants?.join(", ") || "none reported"}`);
    out.push(`Fingerprint: ${attempt.fingerprint} (the credential itself was discarded)`);
  } else if (attempt.error) {
    out.push(`Refused: ${attempt.error.code}: ${attempt.error.message}`);
    out.push(`Cause: ${attempt.error.cause}`);
    out.push(`Fix: ${attempt.error.fix}`);
  }
  const p = attempt.prediction;
  out.push(
    p.undecided
      ? "Prediction: Fedlens could not tell."
      : `Prediction: ${p.accepted ? "accepted" : `refused${p.failingCheck ? ` at the ${p.failingCheck.check} check` : ""}`}.` +
          (attempt.agreement === "disagree" ? " The cloud answered otherwise." : ""),
  );
  for (const reason of attempt.reasons ?? []) out.push(`  - ${reason}`);
  return out;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { binding: "string", "token-file": "string", json: "boolean" });
  const binding = ZIdParams.safeParse({ id: requireFlag(args, "binding") });
  if (!binding.success) throw new UsageError("--binding: not an id");
  const token = await readTokenFile(requireFlag(args, "token-file"));
  if (!token) throw new UsageError("--token-file: the file is empty");
  if (token.length > maxTokenLength)
    throw new UsageError("--token-file: a token is at most 16 KiB");
  const session = await openDatabase();
  try {
    const attempt = await tryExchange({
      actor: systemActor("cli"),
      requestId: `cli-${Date.now()}`,
      token,
      bindingId: binding.data.id,
    });
    if (args.flags.json) console.log(JSON.stringify(attempt, null, 2));
    else for (const line of lines(attempt)) console.log(line);
    return attempt.status === "succeeded" ? 0 : 1;
  } finally {
    await session.close();
  }
}
