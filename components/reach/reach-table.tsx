import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { cloudLabels } from "@/lib/clouds/cloud-labels";
import type { TReachEntry } from "@/lib/trust-map/reach-schemas";

// One row per edge of the trust graph: who (or what), through which binding,
// and whether the cloud would let it through.

const kindLabel: Record<TReachEntry["kind"], string> = {
  effective: "Reaches",
  undecided: "Undecided",
  broken: "Broken",
};
const kindVariant = {
  effective: "primary",
  undecided: "warning",
  broken: "destructive",
} as const;

function why(entry: TReachEntry): string {
  if (entry.kind === "effective") {
    return entry.declared
      ? "The binding made for it accepts its token."
      : "A binding made for another workload accepts its token.";
  }
  if (entry.kind === "undecided") {
    return entry.dependsOn?.length
      ? `Depends on what Fedlens cannot know: ${entry.dependsOn.join(", ")}.`
      : (entry.failingCheck?.message ?? "Fedlens cannot tell what the cloud would answer.");
  }
  // The cloud's own words say why (a case slip, a wrong audience); the failing
  // check then says what the binding trusts instead.
  const cloudSays = entry.cloudError
    ? entry.cloudError.message.startsWith(entry.cloudError.code)
      ? entry.cloudError.message
      : `${entry.cloudError.code}: ${entry.cloudError.message}`
    : undefined;
  return [cloudSays, entry.failingCheck?.message].filter(Boolean).join(" ") || "Refused.";
}

export function ReachTable({
  entries,
  show,
  label,
}: {
  entries: TReachEntry[];
  /** The column naming the other end: the workload on a target page, the target on a workload page. */
  show: "workload" | "target";
  label: string;
}) {
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th scope="col">{show === "workload" ? "Workload" : "Target"}</Th>
          <Th scope="col">Through binding</Th>
          <Th scope="col">Trust</Th>
          <Th scope="col">Why</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const end = show === "workload" ? entry.workload : entry.target;
          return (
            <tr key={`${entry.binding.id}/${entry.workload.id}`}>
              <Td>
                <Link href={`/${show}s/${end.id}`} className="text-primary hover:underline">
                  {end.name}
                </Link>
              </Td>
              <Td>
                <Link
                  href={`/bindings/${entry.binding.id}`}
                  className="text-primary hover:underline"
                >
                  {entry.binding.name}
                </Link>{" "}
                <span className="text-muted-foreground">({cloudLabels[entry.cloud]})</span>
                {entry.declared ? null : (
                  <>
                    {" "}
                    <Badge variant="outline">made for another workload</Badge>
                  </>
                )}
              </Td>
              <Td>
                <Badge variant={kindVariant[entry.kind]}>{kindLabel[entry.kind]}</Badge>
              </Td>
              <Td className="text-sm">{why(entry)}</Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
