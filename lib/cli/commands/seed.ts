import { parseArgs, UsageError } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { seedDemo } from "@/lib/db/seed-demo";

export const usage = "seed --demo                      add the demo catalogue (idempotent)";

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { demo: "boolean" });
  if (!args.flags.demo) throw new UsageError("seed needs --demo (the only data set so far)");
  const db = await openDatabase();
  try {
    const added = await seedDemo();
    const total = added.issuers + added.workloads + added.targets + added.bindings;
    console.log(
      total
        ? `Added ${added.issuers} issuers, ${added.workloads} workloads, ${added.targets} targets and ${added.bindings} bindings.`
        : "The demo catalogue is already present.",
    );
    return 0;
  } finally {
    await db.close();
  }
}
