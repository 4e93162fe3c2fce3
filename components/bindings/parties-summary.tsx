import Link from "next/link";
import type { BindingParties } from "@/components/bindings/types";
import { targetKindInfo } from "@/lib/clouds/registry";

/** "workload (issuer) → target (kind)": what the form joins, with links to both. */
export function PartiesSummary({
  parties,
  changeHref,
}: {
  parties: BindingParties;
  changeHref?: string;
}) {
  const { workload, target } = parties;
  return (
    <span className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
      <Link href={`/workloads/${workload.id}`} className="font-medium text-primary hover:underline">
        {workload.name}
      </Link>
      <span>({workload.issuer.name})</span>
      <span aria-hidden="true">→</span>
      <span className="sr-only">to</span>
      <Link href={`/targets/${target.id}`} className="font-medium text-primary hover:underline">
        {target.name}
      </Link>
      <span>({targetKindInfo(target.kind).label})</span>
      {changeHref ? (
        <Link href={changeHref} className="text-primary hover:underline">
          Change
        </Link>
      ) : null}
    </span>
  );
}
