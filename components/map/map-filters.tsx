import { cloudNames } from "@/components/map/edge-style";
import { severityLabels } from "@/components/risk/severity-badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { mapClouds, mapSeverities, mapSyncStates } from "@/lib/trust-map/graph-view-types";
import { attentionKinds } from "@/components/map/map-table-link";

export type FilterChoices = {
  issuers: { id: string; name: string }[];
  targets: { id: string; name: string }[];
};
export type FilterValues = {
  cloud?: string;
  issuer?: string;
  target?: string;
  sync?: string;
  severity?: string;
  trust?: string;
};

const trustChoices: { value: string; label: string }[] = [
  { value: "effective", label: "Effective" },
  { value: "broken", label: "Broken" },
  { value: "undecided", label: "Undecided" },
  { value: "open", label: "Open beyond the catalogue" },
  { value: attentionKinds, label: "Broken or undecided" },
];

const syncWords: Record<(typeof mapSyncStates)[number], string> = {
  pending: "Pending",
  "in-sync": "In sync",
  drifted: "Drifted",
  missing: "Missing in the cloud",
  unknown: "Could not be read",
  error: "Error",
};

// A plain GET form: the filters live in the address, so a filtered map can
// be shared, and the server narrows the graph before it is sent.
export function MapFilters({ choices, values }: { choices: FilterChoices; values: FilterValues }) {
  const field = (id: string, label: string, children: React.ReactNode, value?: string) => (
    <div className="grid gap-1">
      <Label htmlFor={`map-${id}`}>{label}</Label>
      <Select id={`map-${id}`} name={id} defaultValue={value ?? ""}>
        {children}
      </Select>
    </div>
  );
  return (
    <form
      method="get"
      action="/map"
      aria-label="Filter the map"
      className="flex flex-wrap items-end gap-3"
    >
      {field(
        "cloud",
        "Cloud",
        <>
          <option value="">All clouds</option>
          {mapClouds.map((cloud) => (
            <option key={cloud} value={cloud}>
              {cloudNames[cloud]}
            </option>
          ))}
        </>,
        values.cloud,
      )}
      {field(
        "issuer",
        "Issuer",
        <>
          <option value="">All issuers</option>
          {choices.issuers.map((issuer) => (
            <option key={issuer.id} value={issuer.id}>
              {issuer.name}
            </option>
          ))}
        </>,
        values.issuer,
      )}
      {field(
        "target",
        "Target",
        <>
          <option value="">All targets</option>
          {choices.targets.map((target) => (
            <option key={target.id} value={target.id}>
              {target.name}
            </option>
          ))}
        </>,
        values.target,
      )}
      {field(
        "sync",
        "Sync state",
        <>
          <option value="">Any sync state</option>
          {mapSyncStates.map((state) => (
            <option key={state} value={state}>
              {syncWords[state]}
            </option>
          ))}
        </>,
        values.sync,
      )}
      {field(
        "severity",
        "Findings",
        <>
          <option value="">With or without findings</option>
          {mapSeverities.map((severity) => (
            <option key={severity} value={severity}>
              {severity === "low"
                ? "Any open finding"
                : `${severityLabels[severity]}${severity === "critical" ? "" : " or worse"}`}
            </option>
          ))}
        </>,
        values.severity,
      )}
      {field(
        "trust",
        "Trust",
        <>
          <option value="">Any kind of trust</option>
          {trustChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </>,
        values.trust,
      )}
      <Button type="submit" variant="outline">
        Apply filters
      </Button>
    </form>
  );
}
