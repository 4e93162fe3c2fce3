import Link from "next/link";
import { syncStateLabels } from "@/components/bindings/sync-state-badge";
import { severityLabels } from "@/components/risk/severity-badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { clouds, cloudLabels } from "@/lib/clouds/cloud-labels";
import { severities } from "@/lib/risk/rules";
import { syncStates } from "@/lib/schemas/binding";

export type FilterOption = { value: string; label: string };
export type BindingFilterValues = {
  q?: string;
  cloud?: string;
  issuerId?: string;
  workloadId?: string;
  targetId?: string;
  syncState?: string;
  /** Only bindings with an open risk finding at least this severe. */
  risk?: string;
};

function FilterSelect({
  id,
  label,
  all,
  value,
  options,
}: {
  id: keyof BindingFilterValues;
  label: string;
  all: string;
  value?: string;
  options: FilterOption[];
}) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} name={id} defaultValue={value ?? ""} className="w-48">
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** A plain GET form: filters live in the URL, so results can be shared and bookmarked. */
export function BindingFilters({
  values,
  issuers,
  workloads,
  targets,
}: {
  values: BindingFilterValues;
  issuers: FilterOption[];
  workloads: FilterOption[];
  targets: FilterOption[];
}) {
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="grid gap-1">
        <Label htmlFor="q">Search</Label>
        <Input
          id="q"
          name="q"
          type="search"
          defaultValue={values.q}
          placeholder="Name, subject, pattern or member"
          className="w-72"
        />
      </div>
      <FilterSelect
        id="cloud"
        label="Cloud"
        all="All clouds"
        value={values.cloud}
        options={clouds.map((cloud) => ({ value: cloud, label: cloudLabels[cloud] }))}
      />
      <FilterSelect
        id="issuerId"
        label="Issuer"
        all="All issuers"
        value={values.issuerId}
        options={issuers}
      />
      <FilterSelect
        id="workloadId"
        label="Workload"
        all="All workloads"
        value={values.workloadId}
        options={workloads}
      />
      <FilterSelect
        id="targetId"
        label="Target"
        all="All targets"
        value={values.targetId}
        options={targets}
      />
      <FilterSelect
        id="syncState"
        label="Sync state"
        all="Any state"
        value={values.syncState}
        options={syncStates.map((state) => ({ value: state, label: syncStateLabels[state] }))}
      />
      <FilterSelect
        id="risk"
        label="Findings"
        all="With or without"
        value={values.risk}
        options={severities.map((severity) => ({
          value: severity,
          label: `${severityLabels[severity]}${severity === "low" ? "" : " or worse"}`,
        }))}
      />
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {Object.values(values).some(Boolean) ? (
        <Link href="/bindings" className={buttonVariants({ variant: "ghost" })}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
