import { randomUUID } from "node:crypto";
import { z } from "zod";
import { systemActor } from "@/lib/auth/actor";
import { createUser } from "@/lib/auth/users/create-user";
import { parseArgs, requireFlag, UsageError } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { readPassword } from "@/lib/cli/prompt";
import { ZUserCreateInput } from "@/lib/schemas/user";

export const usage =
  "user add --email E --role viewer|operator|admin [--name N]   (password on stdin)";

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { email: "string", role: "string", name: "string" });
  const email = requireFlag(args, "email");
  const role = requireFlag(args, "role");
  const name = typeof args.flags.name === "string" ? args.flags.name : email.split("@")[0];
  const password = await readPassword("Password (12+ characters): ");
  const parsed = ZUserCreateInput.safeParse({ email, role, name, password });
  if (!parsed.success) {
    throw new UsageError(z.prettifyError(parsed.error));
  }
  const db = await openDatabase();
  try {
    const user = await createUser({
      actor: systemActor("cli"),
      requestId: randomUUID(),
      input: parsed.data,
    });
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
    return 0;
  } finally {
    await db.close();
  }
}
