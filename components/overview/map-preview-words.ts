import type { TrustOverview } from "@/lib/trust-map/reach-overview";

// The overview's trust-map lines, in the singular and the plural: "1 trust
// is declared but refused", "2 trusts are declared but refused".

type EdgeCount = keyof TrustOverview["edges"];

export const mapPreviewRows: { key: EdgeCount; one: string; many: string }[] = [
  { key: "declared", one: "trust works as declared", many: "trusts work as declared" },
  {
    key: "beyondDeclared",
    one: "trust reaches a workload it was not made for",
    many: "trusts reach a workload they were not made for",
  },
  {
    key: "open",
    one: "trust admits identities beyond the catalogue",
    many: "trusts admit identities beyond the catalogue",
  },
  { key: "broken", one: "trust is declared but refused", many: "trusts are declared but refused" },
  { key: "undecided", one: "trust cannot be decided", many: "trusts cannot be decided" },
];

/** One line of the preview, e.g. "2 trusts are declared but refused". */
export function mapPreviewLine(key: EdgeCount, count: number): string {
  const row = mapPreviewRows.find((candidate) => candidate.key === key);
  return `${count} ${count === 1 ? row?.one : row?.many}`;
}
