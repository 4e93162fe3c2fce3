import type { ReactNode } from "react";
import { ConsoleMenu } from "@/components/layout/console-menu";
import { ConsoleNav, type NavSection } from "@/components/layout/console-nav";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { SkipLink } from "@/components/layout/skip-link";
import { Badge } from "@/components/ui/badge";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // For the chrome only: every page and action checks access itself.
  const actor = await requireRole("viewer");
  const sections: NavSection[] = [
    {
      items: [
        { href: "/map", label: "Trust map" },
        { href: "/", label: "Overview" },
        { href: "/diagnose", label: "Diagnose" },
        { href: "/issuers", label: "Issuers" },
        { href: "/workloads", label: "Workloads" },
        { href: "/targets", label: "Cloud targets" },
        { href: "/bindings", label: "Bindings" },
        { href: "/risks", label: "Risks" },
        { href: "/sync", label: "Sync" },
        { href: "/audit", label: "Audit trail" },
      ],
    },
    ...(hasRole(actor.role, "admin")
      ? [
          {
            label: "Settings",
            items: [
              { href: "/settings/users", label: "Users" },
              { href: "/settings/tokens", label: "API tokens" },
              { href: "/settings/connections", label: "Cloud connections" },
            ],
          },
        ]
      : []),
  ];
  return (
    <>
      <SkipLink target="main" />
      <div className="grid min-h-screen grid-rows-[auto_1fr] md:grid-cols-[14rem_1fr] md:grid-rows-none">
        <aside className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-4 border-b bg-card px-3 py-3 md:flex md:flex-col md:items-stretch md:gap-6 md:border-r md:border-b-0 md:py-5">
          <p className="px-3 text-lg font-semibold tracking-tight">Fedlens</p>
          <ConsoleMenu>
            <ConsoleNav sections={sections} />
            <div className="grid gap-2 px-3 text-sm md:mt-auto">
              <span className="truncate" title={actor.label}>
                {actor.label}
              </span>
              <Badge variant="outline" className="w-fit">
                {actor.role}
              </Badge>
              <SignOutButton />
            </div>
          </ConsoleMenu>
        </aside>
        <main
          id="main"
          tabIndex={-1}
          className="min-w-0 px-4 py-6 outline-none sm:px-6 md:px-10 md:py-8"
        >
          {children}
        </main>
      </div>
    </>
  );
}
