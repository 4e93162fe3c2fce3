import { openDatabase } from "@/lib/cli/database";
import { parseArgs } from "@/lib/cli/args";

export const usage = "migrate                          apply pending database migrations";

export async function run(argv: string[]): Promise<number> {
  parseArgs(argv, {});
  const db = await openDatabase();
  try {
    const { applied, alreadyApplied } = db.migration;
    console.log(`Database: ${db.description}`);
    console.log(applied.length ? `Applied ${applied.join(", ")}` : "No pending migrations.");
    console.log(`${alreadyApplied + applied.length} migrations in place.`);
    return 0;
  } finally {
    await db.close();
  }
}
