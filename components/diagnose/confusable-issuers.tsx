import { asciiHost, escapeNonAscii } from "@/lib/tokens/confusables";

/**
 * Two issuers that look alike, spelled out: every character outside ASCII
 * as its escape and the host as DNS sees it (xn-- punycode), so the
 * difference a font hides is readable (SECURITY.md J18).
 */
export function ConfusableIssuers({
  iss,
  catalogued,
  label = "Catalogued",
}: {
  iss: string;
  catalogued: string;
  /** What the catalogued side is called where this is shown. */
  label?: string;
}) {
  const rows: [string, string][] = [
    [label, catalogued],
    ["Token's iss", iss],
  ];
  return (
    <dl
      aria-label="Issuers spelled out"
      className="grid gap-x-3 gap-y-1 rounded-md border bg-muted/50 px-3 py-2 text-xs sm:grid-cols-[6rem_1fr]"
    >
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 font-mono break-all">
            {escapeNonAscii(value)}
            <span className="block text-muted-foreground">
              host {asciiHost(value) ?? "(not a URL)"}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
