/** The first stop for keyboard users: straight past the navigation (WCAG 2.4.1). */
export function SkipLink({ target }: { target: string }) {
  return (
    <a
      href={`#${target}`}
      className="sr-only bg-primary px-4 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:block"
    >
      Skip to content
    </a>
  );
}
