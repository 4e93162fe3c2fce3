import { parseArgs, requireFlag, UsageError } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { findReach } from "@/lib/trust-map/reach-load";
import { ZReachQuery, type TReachAnswer } from "@/lib/trust-map/reach-schemas";

export const usage =
  "reach --issuer URL --sub SUB [--claim k=v …] [--json]   which bindings would accept this identity, across clouds";

/** `--claim` may repeat, which the shared parser does not keep: taken out first. */
function takeClaims(argv: string[]): { claims: Record<string, string>; rest: string[] } {
  const claims: Record<string, string> = {};
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    const value =
      arg === "--claim" ? argv[++index] : arg.startsWith("--claim=") ? arg.slice(8) : null;
    if (value === null) {
      rest.push(arg);
      continue;
    }
    const at = value?.indexOf("=") ?? -1;
    if (!value || at < 1) throw new UsageError("--claim takes name=value");
    claims[value.slice(0, at)] = value.slice(at + 1);
  }
  return { claims, rest };
}

function describe(answer: TReachAnswer): string {
  if (answer.bindings.length === 0) return `No binding accepts ${answer.subject}.`;
  const lines = answer.bindings.map((entry) => {
    const why =
      entry.verdict === "undecided"
        ? ` (undecided: ${entry.failingCheck?.message ?? entry.dependsOn?.join(", ") ?? ""})`
        : "";
    return `  ${entry.verdict.padEnd(9)} ${entry.cloud.padEnd(5)} ${entry.target.name} / ${entry.binding.name}${why}`;
  });
  const note = answer.partialToken ? "\nOnly sub and aud of such tokens are known." : "";
  return `Bindings that would accept ${answer.subject}:\n${lines.join("\n")}${note}`;
}

/** Prints the accepting bindings; exits 0 whether or not any accepts. */
export async function run(argv: string[]): Promise<number> {
  const { claims, rest } = takeClaims(argv);
  const args = parseArgs(rest, { issuer: "string", sub: "string", json: "boolean" });
  const parsed = ZReachQuery.safeParse({
    issuer: requireFlag(args, "issuer"),
    claims: { ...claims, sub: requireFlag(args, "sub") },
  });
  if (!parsed.success) {
    const detail = invalidParamsFrom(parsed.error).map((param) => `${param.name}: ${param.reason}`);
    throw new UsageError(detail.join("; "));
  }
  const database = await openDatabase();
  try {
    const answer = await findReach({ query: parsed.data });
    console.log(args.flags.json ? JSON.stringify(answer, null, 2) : describe(answer));
    return 0;
  } finally {
    await database.close();
  }
}
