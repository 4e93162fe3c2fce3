import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/current-actor";

type GateProps = { children: ReactNode; params: Promise<{ id: string }> };

/**
 * The layout of a detail segment, above its loading screen: once that screen
 * streams, the response is 200 and no later notFound() can change it. The
 * page still checks for itself (CONVENTIONS 4); this only makes an unknown
 * id answer HTTP 404 before anything is sent.
 */
export function entryGate(find: (id: string) => Promise<unknown>) {
  return async function EntryGate({ children, params }: GateProps): Promise<ReactNode> {
    await requireRole("viewer");
    if (!(await find((await params).id))) notFound();
    return children;
  };
}
