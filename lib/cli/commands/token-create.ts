import { randomUUID } from "node:crypto";
import { z } from "zod";
import { systemActor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/tokens/create-api-token";
import { parseArgs, requireFlag, UsageError } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { getDb } from "@/lib/db/client";
import { ZApiTokenCreateInput } from "@/lib/schemas/api-token";
import { ZEmail } from "@/lib/schemas/user";

export const usage =
  "token create --name N --role viewer|operator|admin [--owner EMAIL] [--expires-in-days D | --no-expiry]   (prints the token once; default expiry 90 days)";

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    name: "string",
    role: "string",
    owner: "string",
    "expires-in-days": "string",
    "no-expiry": "boolean",
  });
  const parsed = ZApiTokenCreateInput.safeParse({
    name: requireFlag(args, "name"),
    role: requireFlag(args, "role"),
    expiresInDays: lifetimeFrom(args.flags),
  });
  if (!parsed.success) throw new UsageError(z.prettifyError(parsed.error));
  const db = await openDatabase();
  try {
    const owner = await findOwner(
      typeof args.flags.owner === "string" ? args.flags.owner : undefined,
    );
    const token = await createApiToken({
      actor: systemActor("cli"),
      requestId: randomUUID(),
      input: parsed.data,
      ownerId: owner.id,
    });
    const expiry = token.expiresAt ? `expires ${token.expiresAt}` : "never expires";
    console.error(
      `Created ${token.role} token "${token.name}" owned by ${owner.email} (${expiry}). It is shown only once:`,
    );
    console.log(token.token);
    return 0;
  } finally {
    await db.close();
  }
}

/** The flags as the schema's expiresInDays: a number, null for none, undefined for the default. */
function lifetimeFrom(flags: Record<string, string | boolean>): number | null | undefined {
  const days = flags["expires-in-days"];
  if (flags["no-expiry"] === true) {
    if (days !== undefined) throw new UsageError("give --expires-in-days or --no-expiry, not both");
    return null;
  }
  return typeof days === "string" ? Number(days) : undefined;
}

// A token acts for its owner and never above the owner's role, so it needs one.
async function findOwner(email: string | undefined) {
  const db = getDb();
  if (email) {
    const parsed = ZEmail.safeParse(email);
    if (!parsed.success) throw new UsageError("--owner must be an email address");
    const user = await db.user.findUnique({
      where: { email: parsed.data },
      select: { id: true, email: true, disabled: true },
    });
    if (!user || user.disabled) throw new UsageError(`no active user ${parsed.data}`);
    return user;
  }
  const admin = await db.user.findFirst({
    where: { role: "admin", disabled: false },
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true },
  });
  if (!admin)
    throw new UsageError("no admin exists yet: run `user add --role admin` first, or pass --owner");
  return admin;
}
