import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { FilterOption } from "@/components/bindings/binding-filters";

/**
 * Step 1 of adding a binding: a plain GET form that reloads the page with
 * ?workloadId&targetId, so the cloud's form can start from both.
 */
export function BindingPickForm({
  workloads,
  targets,
  workloadId,
  targetId,
}: {
  workloads: FilterOption[];
  targets: FilterOption[];
  workloadId?: string;
  targetId?: string;
}) {
  return (
    <Card className="max-w-2xl">
      <form method="get" action="/bindings/new" className="grid gap-5">
        <Field
          id="workloadId"
          label="Workload"
          help={
            workloads.length ? (
              "The thing that presents tokens; its issuer and subject seed the form."
            ) : (
              <>
                No workloads yet: <Link href="/workloads/new">add one</Link> first.
              </>
            )
          }
        >
          <Select name="workloadId" required defaultValue={workloadId ?? ""} autoFocus>
            <option value="" disabled>
              Choose a workload
            </option>
            {workloads.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="targetId"
          label="Cloud target"
          help={
            targets.length ? (
              "Where the trust lives: a managed identity, an app registration, an IAM role or a GCP provider."
            ) : (
              <>
                No cloud targets yet: <Link href="/targets/new">add one</Link> first.
              </>
            )
          }
        >
          <Select name="targetId" required defaultValue={targetId ?? ""}>
            <option value="" disabled>
              Choose a target
            </option>
            {targets.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex gap-3">
          <Button type="submit">Continue</Button>
          <Link href="/bindings" className={buttonVariants({ variant: "outline" })}>
            Cancel
          </Link>
        </div>
      </form>
    </Card>
  );
}
