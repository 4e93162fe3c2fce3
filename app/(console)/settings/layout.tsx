import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/current-actor";

/**
 * Both settings pages are admin-only. The pages check it themselves; checking
 * here too, above their loading screens, answers a non-admin with HTTP 403
 * before anything streams (a status cannot change once streaming starts).
 */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireRole("admin");
  return children;
}
