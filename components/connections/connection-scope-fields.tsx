import { Field } from "@/components/ui/field";
import { CodeInput } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { fieldError } from "@/components/connections/field-error";
import type { Cloud } from "@/lib/clouds/types";

type Props = {
  cloud: Cloud;
  errors: Record<string, string>;
  /** Values by field name (`scope.tenantId`); lists one entry per line. */
  values: Record<string, string>;
};

type ScopeField = { name: string; label: string; help: string; list?: boolean; optional?: boolean };

// What each cloud's connection reaches; every id is checked against its
// format by the server before it is used in any URL.
const scopeFields: Record<Cloud, ScopeField[]> = {
  azure: [
    {
      name: "tenantId",
      label: "Tenant ID",
      help: "The Microsoft Entra tenant (directory) ID, a GUID.",
    },
    {
      name: "subscriptionIds",
      label: "Subscription IDs",
      help: "One per line: the subscriptions whose user-assigned managed identities Fedlens reads.",
      list: true,
    },
    {
      name: "resourceGroups",
      label: "Resource groups (optional)",
      help: "One per line, to read only these; empty reads every resource group.",
      list: true,
      optional: true,
    },
    {
      name: "applicationObjectIds",
      label: "App registrations (optional)",
      help: "Object IDs, one per line, of app registrations whose federated credentials Fedlens reads.",
      list: true,
      optional: true,
    },
  ],
  aws: [
    { name: "accountId", label: "Account ID", help: "The 12-digit AWS account ID." },
    {
      name: "region",
      label: "Region",
      help: "The region for STS calls, such as us-east-1 (IAM itself is global).",
    },
    {
      name: "roleArn",
      label: "Role to assume (optional)",
      help: "A read-only role Fedlens assumes first, such as arn:aws:iam::123456789012:role/fedlens-reader.",
      optional: true,
    },
  ],
  gcp: [
    { name: "projectId", label: "Project ID", help: "Such as my-project-123." },
    {
      name: "projectNumber",
      label: "Project number",
      help: "The numeric project number, used in workload identity pool names.",
    },
  ],
};

export function ConnectionScopeFields({ cloud, errors, values }: Props) {
  return (
    <fieldset className="grid gap-4">
      <legend className="mb-1 text-sm font-semibold">What it reaches</legend>
      {scopeFields[cloud].map((field) => {
        const name = `scope.${field.name}`;
        return (
          <Field
            key={name}
            id={name}
            label={field.label}
            help={field.help}
            error={fieldError(errors, name)}
          >
            {field.list ? (
              <Textarea
                name={name}
                rows={3}
                spellCheck={false}
                defaultValue={values[name] ?? ""}
                className="font-mono text-xs"
              />
            ) : (
              <CodeInput
                name={name}
                required={!field.optional}
                spellCheck={false}
                defaultValue={values[name] ?? ""}
              />
            )}
          </Field>
        );
      })}
    </fieldset>
  );
}
