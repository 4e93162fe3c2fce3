import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/current-actor";
import { findConnection } from "@/lib/connections/get-connection";

/**
 * Importing is an operator's task, so these pages live outside the
 * admin-only settings. Like the detail gates (entry-gate.ts), this answers a
 * viewer with 403 and an unknown connection with 404 before the loading
 * screen streams.
 */
export default async function ConnectionImportGate({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  await requireRole("operator");
  if (!(await findConnection((await params).id))) notFound();
  return children;
}
