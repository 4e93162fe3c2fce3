import type { TGraphEdge } from "@/lib/trust-map/graph-view-types";

// Each kind of trust has its own line and word, so it reads without colour;
// colour then says which cloud. Cloud hues are darkened brand colours with
// at least 3:1 contrast on white (WCAG 1.4.11 non-text contrast).

export const cloudColours = { azure: "#0b63b6", aws: "#b35900", gcp: "#137333" } as const;
export const cloudNames = { azure: "Azure", aws: "AWS", gcp: "GCP" } as const;

export const edgeKindInfo: Record<
  TGraphEdge["kind"],
  { label: string; dash: string | undefined; width: number; describe: string }
> = {
  effective: {
    label: "effective",
    dash: undefined,
    width: 2.5,
    describe: "the trust accepts this workload's token",
  },
  broken: {
    label: "broken",
    dash: "8 5",
    width: 2.5,
    describe: "made for this workload, but refuses its token",
  },
  undecided: {
    label: "undecided",
    dash: "2 4",
    width: 2,
    describe: "the answer rests on something Fedlens cannot know",
  },
  open: {
    label: "open",
    dash: "14 4 2 4",
    width: 2,
    describe: "admits identities outside the catalogue",
  },
  issues: {
    label: "issues",
    dash: undefined,
    width: 1,
    describe: "the issuer signs this workload's tokens",
  },
};

export function edgeColour(edge: Pick<TGraphEdge, "cloud">): string {
  return edge.cloud ? cloudColours[edge.cloud] : "#6b7280";
}
