import Link from "next/link";
import { severityLabels } from "@/components/risk/severity-badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { clouds, cloudLabels } from "@/lib/clouds/cloud-labels";
import { riskRules, severities } from "@/lib/risk/rules";

export type RiskFilterValues = {
  cloud?: string;
  severity?: string;
  rule?: string;
  accepted?: string;
  /** Set by the bindings list's link; kept through the form as a hidden field. */
  bindingId?: string;
};

type Option = { value: string; label: string };

function FilterSelect(props: {
  id: keyof RiskFilterValues;
  label: string;
  all: string;
  value?: string;
  options: Option[];
}) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={props.id}>{props.label}</Label>
      <Select id={props.id} name={props.id} defaultValue={props.value ?? ""} className="w-56">
        <option value="">{props.all}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** A plain GET form: filters live in the URL, so a view can be shared. */
export function RiskFilters({ values }: { values: RiskFilterValues }) {
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      {values.bindingId ? <input type="hidden" name="bindingId" value={values.bindingId} /> : null}
      <FilterSelect
        id="cloud"
        label="Cloud"
        all="All clouds"
        value={values.cloud}
        options={clouds.map((cloud) => ({ value: cloud, label: cloudLabels[cloud] }))}
      />
      <FilterSelect
        id="severity"
        label="Severity"
        all="All severities"
        value={values.severity}
        options={severities.map((severity) => ({
          value: severity,
          label: severityLabels[severity],
        }))}
      />
      <FilterSelect
        id="rule"
        label="Rule"
        all="All rules"
        value={values.rule}
        options={Object.values(riskRules).map((rule) => ({ value: rule.id, label: rule.title }))}
      />
      <FilterSelect
        id="accepted"
        label="Accepted"
        all="Open and accepted"
        value={values.accepted}
        options={[
          { value: "false", label: "Open only" },
          { value: "true", label: "Accepted only" },
        ]}
      />
      <Button type="submit">Filter</Button>
      <Link href="/risks" className={buttonVariants({ variant: "ghost" })}>
        Clear
      </Link>
    </form>
  );
}
