import type { ReactNode } from "react";
import { ConsoleNav, type NavItem } from "@/components/layout/console-nav";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { QueryProvider } from "@/components/providers/query-provider";
import { Badge } from "@/components/ui/badge";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // For the chrome only: every page and action checks access itself.
  const actor = await requireRole("viewer");
  const items: NavItem[] = [
    { href: "/", label: "Overview" },
    { href: "/diagnose", label: "Diagnose" },
    { href: "/issuers", label: "Issuers" },
    { href: "/workloads", label: "Workloads" },
    { href: "/targets", label: "Cloud targets" },
    { href: "/bindings", label: "Bindings" },
    { href: "/audit", label: "Audit trail" },
    ...(hasRole(actor.role, "admin")
      ? [
          { href: "/settings/users", label: "Users" },
          { href: "/settings/tokens", label: "API tokens" },
        ]
      : []),
  ];
  return (
    <div className="grid min-h-screen md:grid-cols-[14rem_1fr]">
      <aside className="flex flex-col gap-6 border-r bg-card px-3 py-5">
        <p className="px-3 text-lg font-semibold tracking-tight">Fedlens</p>
        <ConsoleNav items={items} />
        <div className="mt-auto grid gap-2 px-3 text-sm">
          <span className="truncate" title={actor.label}>
            {actor.label}
          </span>
          <Badge variant="outline" className="w-fit">
            {actor.role}
          </Badge>
          <SignOutButton />
        </div>
      </aside>
      <QueryProvider>
        <main className="min-w-0 px-6 py-8 md:px-10">{children}</main>
      </QueryProvider>
    </div>
  );
}
