"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { issuerKindTemplates, type IssuerKind } from "@/lib/catalog/issuer-kinds";
import { suggestedAttributeCondition } from "@/lib/clouds/gcp/attribute-mapping";

/** A CEL condition every token must pass (CLOUDS.md 3.4); checked as it is typed. */
export function GcpConditionField({
  value,
  onChange,
  error,
  issuerKind,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  issuerKind: IssuerKind;
}) {
  const suggestion = suggestedAttributeCondition(issuerKind);
  return (
    <div className="grid gap-2">
      <Field
        id="config-attributeCondition"
        label="Attribute condition"
        error={error}
        help={
          suggestion
            ? `Required for ${issuerKindTemplates[issuerKind].label}: its issuer is shared by every tenant, so restrict it to yours.`
            : "Optional: left empty, every valid token from the issuer passes."
        }
      >
        <Textarea
          value={value}
          onChange={(event) => onChange(event.target.value)}
          spellCheck={false}
          placeholder="assertion.repository_owner == 'contoso'"
          className="font-mono"
        />
      </Field>
      {suggestion ? (
        <Button variant="outline" size="sm" className="w-fit" onClick={() => onChange(suggestion)}>
          Suggest a condition
        </Button>
      ) : null}
    </div>
  );
}
