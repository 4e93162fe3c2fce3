import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { cloudLabels } from "@/lib/clouds/cloud-labels";
import type { TReachAnswer } from "@/lib/trust-map/reach-schemas";

/** The bindings a described identity would get through, with each verdict. */
export function ReachAnswerTable({ answer }: { answer: TReachAnswer }) {
  if (answer.bindings.length === 0) {
    return (
      <p className="text-sm">
        No binding accepts <code className="font-mono">{answer.subject}</code>.
      </p>
    );
  }
  return (
    <>
      <p className="text-sm">
        Bindings that would accept <code className="font-mono">{answer.subject}</code>
        {answer.partialToken ? " (only sub and aud of such tokens are known)" : ""}:
      </p>
      <Table aria-label="Bindings that would accept this identity">
        <thead>
          <tr>
            <Th scope="col">Target</Th>
            <Th scope="col">Binding</Th>
            <Th scope="col">Verdict</Th>
          </tr>
        </thead>
        <tbody>
          {answer.bindings.map((entry) => (
            <tr key={entry.binding.id}>
              <Td>
                <Link href={`/targets/${entry.target.id}`} className="text-primary hover:underline">
                  {entry.target.name}
                </Link>{" "}
                <span className="text-muted-foreground">({cloudLabels[entry.cloud]})</span>
              </Td>
              <Td>
                <Link
                  href={`/bindings/${entry.binding.id}`}
                  className="text-primary hover:underline"
                >
                  {entry.binding.name}
                </Link>{" "}
                <span className="text-muted-foreground">made for {entry.workload.name}</span>
              </Td>
              <Td>
                {entry.verdict === "accepted" ? (
                  <Badge variant="primary">Accepted</Badge>
                ) : (
                  <>
                    <Badge variant="warning">Undecided</Badge>
                    {entry.dependsOn?.length ? (
                      <span className="ml-2 text-sm text-muted-foreground">
                        depends on {entry.dependsOn.join(", ")}
                      </span>
                    ) : null}
                  </>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
