"use client";

import { useState } from "react";
import { AwsBuilderFields } from "@/components/bindings/aws-builder-fields";
import {
  awsErrorTests,
  defaultAudience,
  initialBuilder,
  storedRaw,
  type Mode,
} from "@/components/bindings/aws-field-state";
import { AwsPolicyPreview } from "@/components/bindings/aws-policy-preview";
import { defaultSid } from "@/components/bindings/binding-defaults";
import {
  columnClass,
  layoutClass,
  linesOf,
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
import { PreviewPanel } from "@/components/bindings/preview-panel";
import { RadioGroup } from "@/components/bindings/radio-group";
import { Field } from "@/components/ui/field";
import { CodeInput } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { awsCatalog } from "@/lib/clouds/aws";
import { isGithubProviderKey } from "@/lib/clouds/aws/condition-keys";
import { oidcProviderArn, oidcProviderKey } from "@/lib/clouds/aws/ids";
import { parsePolicyJson } from "@/lib/clouds/aws/policy-json";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { buildTrustStatement } from "@/lib/clouds/aws/trust-statement";

export function AwsBindingFields(props: CloudFieldsProps) {
  const { parties, stored, serverMessage, footer } = props;
  const { workload, target } = parties;
  const config = target.config as TAwsRoleConfig;
  const providers = config.oidcProviders ?? [];
  const providerFor = (url: string) => providers.find((provider) => provider.url === url);
  const [sid, setSid] = useState(() => textOf(stored?.sid) ?? defaultSid(parties));
  const [providerUrl, setProviderUrl] = useState(
    () =>
      textOf(stored?.providerUrl) ??
      providerFor(workload.issuer.issuerUrl)?.url ??
      providers[0]?.url ??
      "",
  );
  const [mode, setMode] = useState<Mode>(stored?.mode === "raw" ? "raw" : "builder");
  const [builder, setBuilder] = useState(() =>
    initialBuilder(stored, parties, providerFor(providerUrl)),
  );
  const [raw, setRaw] = useState(() => storedRaw(stored));
  const [rawTouched, setRawTouched] = useState(stored?.mode === "raw");

  const providerKey = oidcProviderKey(providerUrl);
  const providerArn = oidcProviderArn(config.accountId, providerUrl);
  const builderSpec = {
    audiences: linesOf(builder.audiences),
    subjectOperator: builder.subjectOperator,
    subjects: linesOf(builder.subjects),
    extraConditions: builder.conditions.map((row) => ({
      operator: row.operator,
      claim: row.claim.trim(),
      values: linesOf(row.values),
    })),
  };
  const builderStatement = buildTrustStatement({ sid, providerArn, providerKey, ...builderSpec });
  const spec =
    mode === "builder"
      ? { cloud: "aws", sid, providerUrl, mode, builder: builderSpec }
      : { cloud: "aws", sid, providerUrl, mode, statement: raw };
  const specJson = JSON.stringify(spec);
  const serverErrors = currentServerErrors(props, specJson);
  const check = checkDraft(awsCatalog, spec, parties, stored);
  const parsedRaw = mode === "raw" ? parsePolicyJson(raw) : null;
  const statement = parsedRaw ? (parsedRaw.ok ? parsedRaw.value : null) : builderStatement;

  const { rowTests, areaTests, rawTests, claimed } = awsErrorTests(mode, builder, providerKey);
  const errorAt = (...tests: PathTest[]) => messageAt(check.errors, serverErrors, ...tests);
  const warnAt = (...tests: PathTest[]) => warningsAt(check.warnings, ...tests);
  const warnedAt: PathTest[] = [
    "spec.providerUrl",
    ...areaTests.audiences,
    ...areaTests.subjects,
    ...rawTests,
  ];

  function changeProvider(url: string) {
    if (builder.audiences.trim() === defaultAudience(providerFor(providerUrl))) {
      setBuilder({ ...builder, audiences: defaultAudience(providerFor(url)) });
    }
    setProviderUrl(url);
  }

  // The raw statement must carry the Sid too: follow a rename while it still shows the old one.
  function changeSid(next: string) {
    if (mode === "raw") {
      const old = JSON.stringify(sid).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const pattern = new RegExp(`("Sid"\\s*:\\s*)${old}`);
      setRaw(raw.replace(pattern, (_, lead: string) => `${lead}${JSON.stringify(next)}`));
    }
    setSid(next);
  }

  function changeMode(next: Mode) {
    if (next === "raw" && !rawTouched) setRaw(JSON.stringify(builderStatement, null, 2));
    setMode(next);
  }

  return (
    <div className={layoutClass}>
      <input type="hidden" name="spec" value={specJson} />
      <div className={columnClass}>
        <FormAlert
          message={serverMessage}
          findings={unclaimed(serverFindings(serverErrors), claimed)}
        />
        <Field
          id="aws-sid"
          label="Statement id (Sid)"
          error={errorAt("spec.sid")}
          help="Letters and digits only, unique in the role's trust policy: Fedlens finds this binding's statement by it."
        >
          <CodeInput
            value={sid}
            onChange={(event) => changeSid(event.target.value)}
            required
            maxLength={128}
          />
        </Field>
        <Field
          id="aws-provider"
          label="IAM OIDC provider"
          error={errorAt("spec.providerUrl")}
          warnings={warnAt("spec.providerUrl")}
          help={
            <>
              Principal.Federated: <code className="font-mono break-all">{providerArn}</code>. STS
              finds the provider by the token&apos;s iss, {workload.issuer.issuerUrl}.
            </>
          }
        >
          <Select value={providerUrl} onChange={(event) => changeProvider(event.target.value)}>
            {providerFor(providerUrl) ? null : (
              <option value={providerUrl}>{providerUrl || "—"} (not on this target)</option>
            )}
            {providers.map((provider) => (
              <option key={provider.url} value={provider.url}>
                {provider.url} (client ids: {provider.clientIds.join(", ")})
              </option>
            ))}
          </Select>
        </Field>
        <RadioGroup<Mode>
          name="aws-mode"
          legend="Write the statement with"
          value={mode}
          onChange={changeMode}
          error={errorAt("spec.mode")}
          options={[
            {
              value: "builder",
              label: "The builder",
              description: "Audiences, subjects and claim conditions.",
            },
            {
              value: "raw",
              label: "Raw JSON",
              description: "One statement as IAM stores it; starts from the builder's statement.",
            },
          ]}
        />
        {mode === "builder" ? (
          <AwsBuilderFields
            state={builder}
            onChange={setBuilder}
            isGithub={isGithubProviderKey(providerKey)}
            subjectSpec={workload.subjectSpec}
            workloadSubject={workload.subject}
            warningsAt={(area) => warnAt(...areaTests[area])}
            errorAt={(area) =>
              typeof area === "string"
                ? errorAt(...areaTests[area])
                : errorAt(...(rowTests[area.row]?.[area.part] ?? []))
            }
          />
        ) : (
          <Field
            id="aws-statement"
            label="Statement JSON"
            error={errorAt(...rawTests)}
            warnings={warnAt(...rawTests)}
            help={`One statement object; its Sid must be "${sid}". Duplicate keys are refused: IAM would silently keep only one.`}
          >
            <Textarea
              value={raw}
              onChange={(event) => {
                setRaw(event.target.value);
                setRawTouched(true);
              }}
              rows={16}
              spellCheck={false}
              className="font-mono text-xs"
            />
          </Field>
        )}
        {footer}
      </div>
      <PreviewPanel
        title="The statement in the role's trust policy"
        errors={unclaimed(check.errors, claimed)}
        warnings={unclaimed(check.warnings, warnedAt)}
      >
        <AwsPolicyPreview statement={statement} siblings={parties.siblings} />
      </PreviewPanel>
    </div>
  );
}
