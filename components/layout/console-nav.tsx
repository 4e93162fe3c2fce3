"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export type NavItem = { href: string; label: string };
export type NavSection = { label?: string; items: NavItem[] };

export function ConsoleNav({ sections }: { sections: NavSection[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="grid gap-4">
      {sections.map((section, index) => (
        <div key={section.label ?? index} className="grid gap-1">
          {section.label ? (
            <p className="px-3 text-xs font-medium tracking-wide text-muted-foreground uppercase">
              {section.label}
            </p>
          ) : null}
          {section.items.map((item) => {
            const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-2 text-sm hover:bg-muted",
                  active && "bg-muted font-medium text-foreground",
                )}
              >
                {item.label}
              </Link>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
