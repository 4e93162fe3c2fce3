import { Table, Td, Th } from "@/components/ui/table";
import type { TFieldDifference } from "@/lib/schemas/drift";

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <span className="text-muted-foreground italic">(absent)</span>;
  return (
    <code className="font-mono break-all whitespace-pre-wrap">
      {typeof value === "string" ? value : JSON.stringify(value, null, 1)}
    </code>
  );
}

/** Each field that differs: what the cloud holds beside what Fedlens holds. */
export function DriftDiffTable({ differences }: { differences: TFieldDifference[] }) {
  return (
    <Table>
      <caption className="sr-only">Fields that differ between the cloud and Fedlens</caption>
      <thead>
        <tr>
          <Th>Field</Th>
          <Th>In the cloud</Th>
          <Th>In Fedlens</Th>
        </tr>
      </thead>
      <tbody>
        {differences.map((difference) => (
          <tr key={difference.path}>
            <Td className="font-mono break-all">{difference.path}</Td>
            <Td>
              <Value value={difference.cloud} />
            </Td>
            <Td>
              <Value value={difference.catalog} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
