import "server-only";
import { randomUUID } from "node:crypto";
import { hasAnyUser, setupFirstAdmin } from "@/lib/auth/users/setup-first-admin";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ZSetupInput } from "@/lib/schemas/user";

/**
 * FEDLENS_ADMIN_EMAIL + FEDLENS_ADMIN_PASSWORD create the first admin at
 * start, for unattended installs. Ignored once any user exists.
 */
export async function bootstrapAdminFromEnv(): Promise<"created" | "skipped" | "not-configured"> {
  const env = getEnv();
  if (!env.FEDLENS_ADMIN_EMAIL || !env.FEDLENS_ADMIN_PASSWORD) return "not-configured";
  if (await hasAnyUser(getDb())) return "skipped";
  const input = ZSetupInput.parse({
    email: env.FEDLENS_ADMIN_EMAIL,
    name: env.FEDLENS_ADMIN_EMAIL.split("@")[0],
    password: env.FEDLENS_ADMIN_PASSWORD,
  });
  await setupFirstAdmin({ input, requestId: randomUUID(), via: "bootstrap" });
  return "created";
}
