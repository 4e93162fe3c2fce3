"use client";

import { useState } from "react";
import { defaultFicExpression, defaultFicName } from "@/components/bindings/binding-defaults";
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
import { Field } from "@/components/ui/field";
import { CodeInput, Input } from "@/components/ui/input";
import { JsonBlock } from "@/components/ui/json-block";
import { Textarea } from "@/components/ui/textarea";
import { azureCatalog } from "@/lib/clouds/azure";
import { parseFicExpression } from "@/lib/clouds/azure/fic-expression";
import { defaultAzureAudience } from "@/lib/clouds/azure/fic-limits";

type MatchMode = "subject" | "expression";

/** Every path these fields show; any other goes to the top alert or the preview. */
const azureFieldPaths: PathTest[] = [
  "spec.name",
  "spec.issuer",
  "spec.audiences",
  "spec.subject",
  "spec.claimsMatchingExpression",
  "spec.description",
];

/** The expression around the parser's stop, with a caret under it (the message says where in words). */
function ExpressionCaret({ text, index }: { text: string; index: number }) {
  const start = Math.max(0, index - 40);
  const lead = start > 0 ? "…" : "";
  const snippet = `${lead}${text.slice(start, index + 40).replace(/\s/g, " ")}`;
  return (
    <pre
      aria-hidden="true"
      className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs text-destructive"
    >
      {snippet}
      {"\n"}
      {" ".repeat(lead.length + index - start)}^
    </pre>
  );
}

export function AzureBindingFields(props: CloudFieldsProps) {
  const { parties, stored, serverMessage, footer } = props;
  const { workload, target } = parties;
  const storedExpression = stored?.claimsMatchingExpression as { value?: unknown } | undefined;
  const storedAudience = Array.isArray(stored?.audiences) ? stored.audiences[0] : undefined;
  const [name, setName] = useState(() => textOf(stored?.name) ?? defaultFicName(parties));
  const [issuer, setIssuer] = useState(textOf(stored?.issuer) ?? workload.issuer.issuerUrl);
  const [audience, setAudience] = useState(textOf(storedAudience) ?? defaultAzureAudience);
  const [mode, setMode] = useState<MatchMode>(storedExpression ? "expression" : "subject");
  const [subject, setSubject] = useState(textOf(stored?.subject) ?? workload.subject);
  const [expression, setExpression] = useState(
    textOf(storedExpression?.value) ?? defaultFicExpression(workload.subject),
  );
  const [description, setDescription] = useState(textOf(stored?.description) ?? "");

  const spec = {
    cloud: "azure",
    name,
    issuer,
    audiences: [audience],
    ...(mode === "subject"
      ? { subject }
      : { claimsMatchingExpression: { value: expression, languageVersion: 1 } }),
    ...(description.trim() ? { description } : {}),
  };
  const specJson = JSON.stringify(spec);
  const serverErrors = currentServerErrors(props, specJson);
  const check = checkDraft(azureCatalog, spec, parties, stored);
  const errorAt = (...tests: PathTest[]) => messageAt(check.errors, serverErrors, ...tests);
  const warnAt = (...tests: PathTest[]) => warningsAt(check.warnings, ...tests);
  const parsed = mode === "expression" ? parseFicExpression(expression) : null;
  const isIdentity = target.kind === "azure-uami";

  return (
    <div className={layoutClass}>
      <input type="hidden" name="spec" value={specJson} />
      <div className={columnClass}>
        <FormAlert
          message={serverMessage}
          findings={unclaimed(serverFindings(serverErrors), azureFieldPaths)}
        />
        <Field
          id="fic-name"
          label="Credential name"
          error={errorAt("spec.name")}
          warnings={warnAt("spec.name")}
          help={
            stored
              ? "Entra cannot rename a federated credential. To change the name, delete this binding and add a new one."
              : "3–120 letters, digits, '-' or '_', starting with a letter or digit. Entra cannot rename it later."
          }
        >
          <Input
            value={name}
            onChange={(event) => setName(event.target.value)}
            readOnly={Boolean(stored)}
            required
            maxLength={120}
            spellCheck={false}
            autoComplete="off"
            className="font-mono read-only:bg-muted"
          />
        </Field>
        <Field
          id="fic-issuer"
          label="Issuer"
          error={errorAt("spec.issuer")}
          warnings={warnAt("spec.issuer")}
          help={
            <>
              Exactly the token&apos;s <code>iss</code>; {workload.name} uses{" "}
              <code className="font-mono break-all">{workload.issuer.issuerUrl}</code>.
            </>
          }
        >
          <CodeInput
            value={issuer}
            onChange={(event) => setIssuer(event.target.value)}
            required
            maxLength={600}
          />
        </Field>
        <Field
          id="fic-audience"
          label="Audience"
          error={errorAt("spec.audiences")}
          warnings={warnAt("spec.audiences")}
          help={
            <>
              Entra accepts exactly one; the documented value is{" "}
              <code className="font-mono">{defaultAzureAudience}</code>.
            </>
          }
        >
          <CodeInput
            value={audience}
            onChange={(event) => setAudience(event.target.value)}
            required
            maxLength={600}
          />
        </Field>
        <RadioGroup<MatchMode>
          name="fic-match"
          legend="Match tokens by"
          value={mode}
          onChange={setMode}
          options={[
            {
              value: "subject",
              label: "Exact subject",
              description: "Entra compares sub exactly.",
            },
            {
              value: "expression",
              label: "Claims-matching expression (flexible credential, preview)",
              description: "Terms such as claims['sub'] matches 'repo:org/app:ref:refs/tags/v*'.",
            },
          ]}
        />
        {mode === "subject" ? (
          <Field
            id="fic-subject"
            label="Subject"
            error={errorAt("spec.subject")}
            warnings={warnAt("spec.subject")}
            help={
              <>
                {workload.name}&apos;s tokens carry{" "}
                <code className="font-mono break-all">{workload.subject}</code>.
              </>
            }
          >
            <CodeInput
              value={subject}
              onChange={(event) => setSubject(event.target.value)}
              required
              maxLength={600}
            />
          </Field>
        ) : (
          <div className="grid gap-1.5">
            <Field
              id="fic-expression"
              label="Claims-matching expression"
              error={errorAt("spec.claimsMatchingExpression", "spec.subject")}
              warnings={warnAt("spec.claimsMatchingExpression", "spec.subject")}
              help={
                <>
                  Language version 1:{" "}
                  <code>claims[&apos;name&apos;] eq|matches &apos;value&apos;</code> joined by{" "}
                  <code>and</code>, one space around each operator; double a quote to escape it. No{" "}
                  <code>or</code>, negation or parentheses.
                </>
              }
            >
              <Textarea
                value={expression}
                onChange={(event) => setExpression(event.target.value)}
                required
                maxLength={2000}
                rows={3}
                spellCheck={false}
                className="font-mono"
              />
            </Field>
            {parsed && !parsed.ok ? (
              <ExpressionCaret text={expression} index={parsed.index} />
            ) : null}
          </div>
        )}
        <Field
          id="fic-description"
          label="Description (optional)"
          error={errorAt("spec.description")}
          help={
            isIdentity
              ? "Managed identities have no description field; Fedlens keeps it for you."
              : "Stored on the app registration's credential."
          }
        >
          <Textarea
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            maxLength={600}
            rows={2}
          />
        </Field>
        {footer}
      </div>
      <PreviewPanel
        title={
          isIdentity
            ? "The credential on the managed identity (ARM)"
            : "The credential on the app registration (Microsoft Graph)"
        }
        errors={unclaimed(check.errors, azureFieldPaths)}
        warnings={unclaimed(check.warnings, azureFieldPaths)}
      >
        {check.cloudObject ? (
          <JsonBlock value={check.cloudObject} title="Federated credential JSON" />
        ) : (
          <PreviewUnavailable />
        )}
      </PreviewPanel>
    </div>
  );
}
