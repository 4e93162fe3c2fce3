"use client";

import { useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";

/**
 * Below 768 px the sidebar's contents fold behind a Menu button; from `md`
 * up they are always shown and the button is hidden. Following a link in
 * the menu closes it, so the page it opens is not covered; Escape closes it
 * and gives the focus back to the button.
 */
export function ConsoleMenu({ children }: { children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  function closeOnLink(event: MouseEvent<HTMLDivElement>) {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  }
  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== "Escape" || !isOpen) return;
    setOpen(false);
    button.current?.focus();
  }
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={isOpen}
        aria-controls="console-menu"
        onClick={() => setOpen((open) => !open)}
        onKeyDown={closeOnEscape}
        className="inline-flex h-9 items-center gap-2 rounded-md border px-3 text-sm font-medium hover:bg-muted md:hidden"
      >
        <span aria-hidden="true">{isOpen ? "✕" : "☰"}</span>
        Menu
      </button>
      <div
        id="console-menu"
        data-state={isOpen ? "open" : "closed"}
        onClick={closeOnLink}
        onKeyDown={closeOnEscape}
        className="col-span-full hidden gap-6 data-[state=open]:grid md:col-span-1 md:flex md:flex-1 md:flex-col"
      >
        {children}
      </div>
    </>
  );
}
