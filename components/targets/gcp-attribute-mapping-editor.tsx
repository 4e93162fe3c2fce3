"use client";

import { Button } from "@/components/ui/button";
import { CodeInput } from "@/components/ui/input";
import { issuerKindTemplates, type IssuerKind } from "@/lib/catalog/issuer-kinds";
import { defaultAttributeMapping } from "@/lib/clouds/gcp/attribute-mapping";

export type MappingRow = { key: string; value: string };

/**
 * google.* and attribute.* keys, each a CEL expression over `assertion`
 * (CLOUDS.md 3.3). Rows keep the order typed; keys must be unique.
 */
export function GcpAttributeMappingEditor({
  rows,
  onChange,
  error,
  issuerKind,
}: {
  rows: MappingRow[];
  onChange: (rows: MappingRow[]) => void;
  error: (path: string, touchedKey?: string, exact?: boolean) => string | undefined;
  issuerKind: IssuerKind;
}) {
  const update = (index: number, patch: Partial<MappingRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  const whole = error("attributeMapping", undefined, true);
  const useDefaults = () =>
    onChange(
      Object.entries(defaultAttributeMapping(issuerKind)).map(([key, value]) => ({ key, value })),
    );
  return (
    <fieldset className="grid gap-3" aria-describedby={whole ? "mapping-error" : undefined}>
      <legend className="mb-1 text-sm font-medium">Attribute mapping</legend>
      <p className="text-xs text-muted-foreground">
        Keys are <code>google.subject</code>, <code>google.groups</code> or{" "}
        <code>attribute.NAME</code>; values are CEL over <code>assertion</code>, e.g.{" "}
        <code>assertion.repository</code>.
      </p>
      {rows.map((row, index) => {
        const n = index + 1;
        const rowError = row.key.trim() ? error(`attributeMapping.${row.key.trim()}`) : undefined;
        return (
          <div key={index} className="grid gap-1">
            <div className="grid grid-cols-[minmax(0,18rem)_minmax(0,1fr)_auto] items-center gap-2">
              <CodeInput
                aria-label={`Mapping ${n} key`}
                aria-invalid={rowError ? true : undefined}
                value={row.key}
                onChange={(event) => update(index, { key: event.target.value })}
                placeholder="attribute.repository"
              />
              <CodeInput
                aria-label={`Mapping ${n} expression`}
                aria-invalid={rowError ? true : undefined}
                aria-describedby={rowError ? `mapping-${index}-error` : undefined}
                value={row.value}
                onChange={(event) => update(index, { value: event.target.value })}
                placeholder="assertion.repository"
              />
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove mapping ${n}`}
                onClick={() => onChange(rows.filter((_, at) => at !== index))}
              >
                Remove
              </Button>
            </div>
            {rowError ? (
              <p id={`mapping-${index}-error`} className="text-sm text-destructive">
                {rowError}
              </p>
            ) : null}
          </div>
        );
      })}
      {whole ? (
        <p id="mapping-error" className="text-sm text-destructive">
          {whole}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          size="sm"
          onClick={() => onChange([...rows, { key: "", value: "" }])}
        >
          Add mapping
        </Button>
        <Button variant="outline" size="sm" onClick={useDefaults}>
          Use defaults for {issuerKindTemplates[issuerKind].label}
        </Button>
      </div>
    </fieldset>
  );
}
