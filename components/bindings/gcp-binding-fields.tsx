"use client";

import { useState } from "react";
import { attributeValueFor, defaultGcpName } from "@/components/bindings/binding-defaults";
import {
  columnClass,
  layoutClass,
  textOf,
  currentServerErrors,
  type CloudFieldsProps,
} from "@/components/bindings/cloud-fields";
import { FormAlert } from "@/components/bindings/form-alert";
import {
  messageAt,
  serverFindings,
  unclaimed,
  warningsAt,
  type PathTest,
} from "@/components/bindings/form-errors";
import { checkDraft } from "@/components/bindings/live-check";
import { PreviewPanel, PreviewUnavailable } from "@/components/bindings/preview-panel";
import { RadioGroup } from "@/components/bindings/radio-group";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { CodeInput } from "@/components/ui/input";
import { JsonBlock } from "@/components/ui/json-block";
import { Select } from "@/components/ui/select";
import { gcpCatalog } from "@/lib/clouds/gcp";
import { workloadIdentityUserRole } from "@/lib/clouds/gcp/ids";
import {
  principalForSubject,
  principalSetForAttribute,
  principalSetForPool,
} from "@/lib/clouds/gcp/principals";
import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";

type MemberKind = "subject" | "attribute" | "pool";

const attributePaths = ["spec.attributeName", "spec.attributeValue"];

const gcpFieldPaths: PathTest[] = [
  "spec.name",
  "spec.serviceAccountEmail",
  "spec.role",
  "spec.memberKind",
  "spec.member",
  "spec.attributeName",
  "spec.attributeValue",
];

/** The mapped custom attributes, the only ones IAM can match (CLOUDS.md 3.3). */
function mappedAttributes(config: TGcpProviderConfig): string[] {
  return Object.keys(config.attributeMapping ?? {})
    .filter((key) => key.startsWith("attribute."))
    .map((key) => key.slice("attribute.".length));
}

export function GcpBindingFields(props: CloudFieldsProps) {
  const { parties, stored, serverMessage, footer } = props;
  const { workload, target } = parties;
  const config = target.config as TGcpProviderConfig;
  const attributes = mappedAttributes(config);
  const suggest = (attribute: string) => attributeValueFor(attribute, workload.subjectSpec) ?? "";
  const [name, setName] = useState(() => textOf(stored?.name) ?? defaultGcpName(parties));
  const [serviceAccountEmail, setServiceAccountEmail] = useState(
    textOf(stored?.serviceAccountEmail) ?? config.serviceAccountEmail ?? "",
  );
  const [role, setRole] = useState(textOf(stored?.role) ?? workloadIdentityUserRole);
  const [memberKind, setMemberKind] = useState<MemberKind>(
    stored?.memberKind === "attribute" || stored?.memberKind === "pool"
      ? stored.memberKind
      : "subject",
  );
  const [attributeName, setAttributeName] = useState(
    () =>
      textOf(stored?.attributeName) ??
      attributes.find((attribute) => suggest(attribute)) ??
      attributes[0] ??
      "",
  );
  const [attributeValue, setAttributeValue] = useState(
    () => textOf(stored?.attributeValue) ?? suggest(attributeName),
  );
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const markEdited = (path: string) => setEdited((paths) => new Set([...paths, path]));

  const spec = {
    cloud: "gcp",
    name,
    serviceAccountEmail,
    role,
    memberKind,
    ...(memberKind === "attribute" ? { attributeName, attributeValue } : {}),
  };
  const specJson = JSON.stringify(spec);
  const serverErrors = currentServerErrors(props, specJson);
  const check = checkDraft(gcpCatalog, spec, parties, stored);
  // The attribute's fields start empty when nothing can be suggested: say what
  // is wrong with them once they have been edited, not as soon as they appear.
  const liveErrors = check.errors.filter(
    ({ path }) => !attributePaths.includes(path) || edited.has(path),
  );
  const errorAt = (...tests: PathTest[]) => messageAt(liveErrors, serverErrors, ...tests);
  const members: Record<MemberKind, string> = {
    subject: principalForSubject(config, workload.subject),
    attribute: principalSetForAttribute(config, attributeName, attributeValue),
    pool: principalSetForPool(config),
  };
  const member = members[memberKind];
  const cloudObject = check.cloudObject as
    (Record<string, unknown> & { serviceAccountIamPolicy: unknown }) | null;

  function changeAttribute(next: string) {
    if (attributeValue === "" || attributeValue === suggest(attributeName)) {
      setAttributeValue(suggest(next));
    }
    setAttributeName(next);
    markEdited("spec.attributeName");
  }

  return (
    <div className={layoutClass}>
      <input type="hidden" name="spec" value={specJson} />
      <div className={columnClass}>
        <FormAlert
          message={serverMessage}
          findings={unclaimed(serverFindings(serverErrors), gcpFieldPaths)}
        />
        <Field
          id="gcp-name"
          label="Name"
          error={errorAt("spec.name")}
          help="Fedlens' label for this grant: 1–63 lower-case letters, digits, '-' or '_'."
        >
          <CodeInput
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={63}
          />
        </Field>
        <Field
          id="gcp-service-account"
          label="Service account email"
          error={errorAt("spec.serviceAccountEmail")}
          help="The service account the workload impersonates."
        >
          <CodeInput
            type="email"
            value={serviceAccountEmail}
            onChange={(event) => setServiceAccountEmail(event.target.value)}
            required
            maxLength={254}
            placeholder="name@project.iam.gserviceaccount.com"
          />
        </Field>
        <Field
          id="gcp-role"
          label="Role"
          error={errorAt("spec.role")}
          help={`${workloadIdentityUserRole} lets the member impersonate the service account.`}
        >
          <CodeInput value={role} onChange={(event) => setRole(event.target.value)} required />
        </Field>
        <RadioGroup<MemberKind>
          name="gcp-member-kind"
          legend="Grant it to"
          value={memberKind}
          onChange={setMemberKind}
          error={errorAt("spec.memberKind", "spec.member")}
          options={[
            {
              value: "subject",
              label: "This workload's subject (principal)",
              description: "One identity: the mapped google.subject.",
            },
            {
              value: "attribute",
              label: "Every identity with an attribute value (principalSet)",
              description: "For example every workflow of one repository.",
            },
            {
              value: "pool",
              label: "The whole pool (principalSet …/*)",
              description: "Every identity the provider admits.",
            },
          ]}
        />
        {memberKind === "attribute" ? (
          <div className="grid items-start gap-3 sm:grid-cols-2">
            <Field
              id="gcp-attribute-name"
              label="Attribute"
              error={errorAt("spec.attributeName")}
              warnings={warningsAt(check.warnings, "spec.attributeName")}
              help={
                attributes.length
                  ? "Attributes the provider maps."
                  : "The provider maps no custom attribute; add one to the target first."
              }
            >
              <Select
                value={attributeName}
                onChange={(event) => changeAttribute(event.target.value)}
              >
                {[...new Set([...attributes, attributeName])].filter(Boolean).map((attribute) => (
                  <option key={attribute} value={attribute}>
                    attribute.{attribute}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="gcp-attribute-value" label="Value" error={errorAt("spec.attributeValue")}>
              <CodeInput
                value={attributeValue}
                onChange={(event) => {
                  setAttributeValue(event.target.value);
                  markEdited("spec.attributeValue");
                }}
                required
                maxLength={1024}
              />
            </Field>
          </div>
        ) : null}
        {memberKind === "pool" ? (
          <Alert variant="warning">
            Every identity this provider admits could impersonate{" "}
            {serviceAccountEmail || "the service account"}: with a shared issuer such as GitHub,
            that is every repository the attribute condition lets in. Bind a subject or an attribute
            unless that is truly intended.
          </Alert>
        ) : null}
        {footer}
      </div>
      <PreviewPanel
        title="The grant on the service account"
        errors={unclaimed(check.errors, gcpFieldPaths)}
        warnings={unclaimed(check.warnings, ["spec.attributeName"])}
      >
        <div className="grid gap-2">
          <div className="flex items-center justify-between gap-4">
            <span className="text-sm font-medium">Member</span>
            <CopyButton text={member} label="Copy member" />
          </div>
          <code className="rounded-md border bg-muted p-3 font-mono text-xs break-all">
            {member}
          </code>
        </div>
        {cloudObject ? (
          <>
            <JsonBlock value={cloudObject.serviceAccountIamPolicy} title="IAM binding" />
            <JsonBlock
              value={{ ...cloudObject, serviceAccountIamPolicy: undefined }}
              title="Provider"
            />
          </>
        ) : (
          <PreviewUnavailable />
        )}
      </PreviewPanel>
    </div>
  );
}
