"use client";

import { useState, type FormEvent } from "react";
import { ReachAnswerTable } from "@/components/reach/reach-answer-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useReachQuery } from "@/lib/hooks/use-reach-query";

type Mode = "github" | "kubernetes" | "claims";

const github = "https://token.actions.githubusercontent.com";

/** The body of POST /api/v1/graph/reach from the form's fields; a string when the claims are not JSON. */
function bodyOf(form: FormData, mode: Mode): unknown {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const issuer = text("issuer");
  if (mode === "github") {
    const trigger = text("trigger");
    return {
      issuer,
      subjectSpec: {
        kind: "github",
        owner: text("owner"),
        repo: text("repo"),
        trigger,
        ...(trigger === "pull_request" ? {} : { name: text("name") }),
      },
    };
  }
  if (mode === "kubernetes") {
    return {
      issuer,
      subjectSpec: {
        kind: "kubernetes",
        namespace: text("namespace"),
        serviceAccount: text("serviceAccount"),
      },
    };
  }
  try {
    return { issuer, claims: JSON.parse(text("claims")) as unknown };
  } catch {
    return 'The claims must be a JSON object, such as {"sub": "…"}.';
  }
}

/**
 * "Who would this identity reach?": describe a workload that may not be
 * catalogued, and see every binding, in every cloud, that would accept it.
 */
export function ReachQueryForm() {
  const [mode, setMode] = useState<Mode>("github");
  const [local, setLocal] = useState<string | null>(null);
  const { pending, answer, error, ask } = useReachQuery();
  const fieldError = (name: string) =>
    typeof error === "object" && error ? error.fieldErrors[name] : undefined;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = bodyOf(new FormData(event.currentTarget), mode);
    setLocal(typeof body === "string" ? body : null);
    if (typeof body !== "string") void ask(body);
  };
  const spec = (name: string) => fieldError(`subjectSpec.${name}`);
  return (
    <Card aria-labelledby="reach-query-title">
      <CardTitle id="reach-query-title">Who would this identity reach?</CardTitle>
      <form onSubmit={submit} className="grid gap-4 sm:max-w-xl">
        <Field id="reach-issuer" label="Issuer URL" error={fieldError("issuer")}>
          <Input name="issuer" defaultValue={github} required disabled={pending} />
        </Field>
        <Field id="reach-mode" label="Describe it by">
          <Select value={mode} disabled={pending} onChange={(e) => setMode(e.target.value as Mode)}>
            <option value="github">GitHub repository and trigger</option>
            <option value="kubernetes">Kubernetes namespace and service account</option>
            <option value="claims">The token&apos;s claims</option>
          </Select>
        </Field>
        {mode === "github" ? (
          <>
            <Field id="reach-owner" label="Owner" error={spec("owner")}>
              <Input name="owner" required disabled={pending} />
            </Field>
            <Field id="reach-repo" label="Repository" error={spec("repo")}>
              <Input name="repo" required disabled={pending} />
            </Field>
            <Field id="reach-trigger" label="Trigger" error={spec("trigger")}>
              <Select name="trigger" defaultValue="environment" disabled={pending}>
                <option value="environment">Environment</option>
                <option value="branch">Branch</option>
                <option value="tag">Tag</option>
                <option value="pull_request">Pull request</option>
              </Select>
            </Field>
            <Field id="reach-name" label="Environment, branch or tag name" error={spec("name")}>
              <Input name="name" disabled={pending} />
            </Field>
          </>
        ) : mode === "kubernetes" ? (
          <>
            <Field id="reach-namespace" label="Namespace" error={spec("namespace")}>
              <Input name="namespace" required disabled={pending} />
            </Field>
            <Field id="reach-sa" label="Service account" error={spec("serviceAccount")}>
              <Input name="serviceAccount" required disabled={pending} />
            </Field>
          </>
        ) : (
          <Field
            id="reach-claims"
            label="Claims (JSON)"
            help="Claims left out are taken as absent from the token."
            error={fieldError("claims") ?? local ?? undefined}
          >
            <Textarea name="claims" rows={6} className="font-mono text-xs" disabled={pending} />
          </Field>
        )}
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Looking…" : "Find bindings"}
          </Button>
        </div>
      </form>
      <div aria-live="polite" className="mt-4 grid gap-3">
        {typeof error === "string" ? <Alert variant="error">{error}</Alert> : null}
        {typeof error === "object" && error && error.invalidParams.length === 0 ? (
          <Alert variant="error">{error.detail}</Alert>
        ) : null}
        {answer ? <ReachAnswerTable answer={answer} /> : null}
      </div>
    </Card>
  );
}
