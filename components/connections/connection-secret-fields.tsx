import { Field } from "@/components/ui/field";
import { CodeInput, Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { secretLabels } from "@/components/connections/connection-labels";
import type { Cloud } from "@/lib/clouds/types";

// The fields of a stored secret. Secret values are write-only: never
// pre-filled, never sent back after an error; `prefix` is "auth." in the
// connection form and "" in the replace-secret form.

export function ConnectionSecretFields({
  cloud,
  prefix,
  errors,
  identity,
  isStored,
}: {
  cloud: Cloud;
  prefix: string;
  errors: Record<string, string>;
  /** The client id or access key id to pre-fill (they are not secret). */
  identity?: string;
  /** A secret is stored: blank secret fields keep it. */
  isStored: boolean;
}) {
  const labels = secretLabels[cloud];
  const keep = isStored ? " Leave empty to keep the stored one." : "";
  const secretProps = {
    spellCheck: false,
    autoComplete: "off",
    required: !isStored,
  } as const;
  if (cloud === "gcp") {
    const name = `${prefix}serviceAccountKey`;
    return (
      <Field
        id={name}
        label={labels.secret}
        error={errors[name]}
        help={`The whole JSON key file of a service account with read-only roles.${keep}`}
      >
        <Textarea
          name={name}
          rows={6}
          {...secretProps}
          className="font-mono text-xs"
          placeholder='{"type":"service_account",…}'
        />
      </Field>
    );
  }
  const idName = `${prefix}${cloud === "azure" ? "clientId" : "accessKeyId"}`;
  const secretName = `${prefix}${cloud === "azure" ? "clientSecret" : "secretAccessKey"}`;
  return (
    <>
      <Field
        id={idName}
        label={labels.identity}
        error={errors[idName]}
        help={
          cloud === "azure"
            ? "The application (client) ID of the app registration Fedlens signs in as."
            : "A long-term key of a read-only IAM user (AKIA…)."
        }
      >
        <CodeInput
          name={idName}
          required={!isStored || cloud === "aws"}
          spellCheck={false}
          defaultValue={identity ?? ""}
        />
      </Field>
      <Field
        id={secretName}
        label={labels.secret}
        error={errors[secretName]}
        help={`Stored encrypted; never shown again.${keep}`}
      >
        <Input type="password" name={secretName} {...secretProps} />
      </Field>
    </>
  );
}
