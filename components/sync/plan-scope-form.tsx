"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useCreateSyncPlan } from "@/lib/hooks/use-create-sync-plan";
import type { TPlanTargetOption } from "@/lib/sync/plan/plan-dto";
import type { TPlanScope } from "@/lib/sync/plan/plan-scope";
import { cloudLabels } from "@/lib/clouds/cloud-labels";
import type { Cloud } from "@/lib/clouds/types";

type Option = { id: string; name: string; cloud: string };

/** "everything", "connection:<id>" or "target:<id>" as the select's value. */
function scopeOf(value: string): TPlanScope {
  const [kind, id = ""] = value.split(":");
  if (kind === "connection" || kind === "target") return { kind, id };
  return { kind: "all" };
}

/** Picks what to plan, reads the clouds (the request waits) and opens the plan. */
export function PlanScopeForm({
  connections,
  targets,
}: {
  connections: Option[];
  targets: TPlanTargetOption[];
}) {
  const router = useRouter();
  const [value, setValue] = useState("all");
  const plan = useCreateSyncPlan();
  return (
    <form
      className="grid max-w-xl gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        plan.mutate(scopeOf(value), { onSuccess: ({ id }) => router.push(`/sync/${id}`) });
      }}
    >
      <Label htmlFor="plan-scope">What to plan</Label>
      <Select
        id="plan-scope"
        value={value}
        disabled={plan.isPending}
        onChange={(event) => setValue(event.target.value)}
      >
        <option value="all">Everything with a cloud connection</option>
        {connections.length ? (
          <optgroup label="A connection">
            {connections.map((connection) => (
              <option key={connection.id} value={`connection:${connection.id}`}>
                {connection.name} ({cloudLabels[connection.cloud as Cloud] ?? connection.cloud})
              </option>
            ))}
          </optgroup>
        ) : null}
        {targets.length ? (
          <optgroup label="A target">
            {targets.map((target) => (
              <option key={target.id} value={`target:${target.id}`}>
                {target.name} ({cloudLabels[target.cloud]})
              </option>
            ))}
          </optgroup>
        ) : null}
      </Select>
      <Button type="submit" className="w-fit" disabled={plan.isPending}>
        {plan.isPending ? "Reading the clouds…" : "Plan"}
      </Button>
      {plan.isPending ? (
        <Alert>
          Fedlens is reading each target from its cloud and comparing it with the catalogue. Nothing
          is written.
        </Alert>
      ) : null}
      {plan.error ? <Alert variant="error">{plan.error.message}</Alert> : null}
    </form>
  );
}
