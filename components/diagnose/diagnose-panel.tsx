"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { Diagnosis, DiagnoseLabels } from "@/components/diagnose/types";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch, ApiError } from "@/lib/api-client";

// The answer's view is most of the page's code and is needed only once a
// token is diagnosed: it is loaded then, not in the first load (issue 11 §11).
const loadDiagnosisView = () =>
  import("@/components/diagnose/diagnosis-view").then((m) => m.DiagnosisView);
const DiagnosisView = dynamic(loadDiagnosisView);
// The history brings React Query with it; it is fetched in the browser anyway.
const DiagnoseHistory = dynamic(
  () =>
    import("@/components/diagnose/diagnose-history-island").then((m) => m.DiagnoseHistoryIsland),
  { ssr: false },
);

/** The problem+json answer in the words an operator needs: 422 carries the precise reason. */
function messageOf(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return "Fedlens could not be reached. Check your connection and try again.";
  }
  const reason = error.invalidParams.find((param) => param.name === "token")?.reason;
  const text = reason ?? error.detail;
  if (error.status >= 500 && error.requestId && !text.includes(error.requestId)) {
    return `${text} (request id ${error.requestId})`;
  }
  return text;
}

/**
 * The paste box and its answer. The token lives only in the textarea until
 * it is sent in one POST body: the field is emptied at once, and the token
 * never enters React state, the URL, history, the query cache or storage
 * (SECURITY.md 3.5). The textarea has no name, so a submit before the page
 * hydrates sends nothing.
 */
export function DiagnosePanel({
  labels,
  canEdit,
}: {
  labels: DiagnoseLabels;
  /** Operators may add catalogue entries and have unknown issuers' keys fetched. */
  canEdit: boolean;
}) {
  const field = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Only the newest request may update the page.
  const latest = useRef(0);
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [diagnosed, setDiagnosed] = useState(0);
  // Once the answer has rendered, take keyboard and screen-reader users to it.
  useEffect(() => {
    if (diagnosis) heading.current?.focus();
  }, [diagnosis]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const textarea = field.current;
    if (!textarea) return;
    const token = textarea.value;
    if (token.trim() === "") {
      setError("Paste a token to diagnose.");
      textarea.focus();
      return;
    }
    textarea.value = "";
    const request = ++latest.current;
    setPending(true);
    setError(null);
    setDiagnosis(null);
    try {
      const [result] = await Promise.all([
        apiFetch<Diagnosis>("/diagnose", { method: "POST", body: { token } }),
        loadDiagnosisView(),
      ]);
      setDiagnosed((count) => count + 1);
      if (request !== latest.current) return;
      setDiagnosis(result);
    } catch (failure) {
      if (request !== latest.current) return;
      setError(messageOf(failure));
      textarea.focus();
    } finally {
      if (request === latest.current) setPending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.current?.requestSubmit();
    }
  }

  return (
    <div className="grid grid-cols-1 gap-8">
      <form
        ref={form}
        method="post"
        autoComplete="off"
        onSubmit={(event) => void onSubmit(event)}
        className="grid max-w-3xl grid-cols-1 gap-3"
        noValidate
      >
        <Field
          id="diagnose-token"
          label="Token"
          error={error ?? undefined}
          help={
            <>
              A JWT, with or without &quot;Bearer &quot;. It is sent once, in the body of a POST,
              and not stored: Fedlens keeps its SHA-256 and a few claims.{" "}
              {canEdit
                ? "For an issuer outside the catalogue, Fedlens fetches its published keys once."
                : "Signatures are checked against catalogued issuers; an operator can check others."}{" "}
              Press Ctrl+Enter (⌘+Enter on a Mac) to diagnose.
            </>
          }
        >
          <Textarea
            ref={field}
            aria-label="Token"
            rows={6}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            spellCheck={false}
            data-gramm="false"
            data-gramm_editor="false"
            data-enable-grammarly="false"
            data-1p-ignore
            data-lpignore="true"
            placeholder="eyJhbGciOi…"
            className="font-mono text-xs break-all"
            onKeyDown={onKeyDown}
          />
        </Field>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? "Diagnosing…" : "Diagnose"}
          </Button>
          <p role="status" aria-live="polite" className="text-sm text-muted-foreground">
            {pending
              ? "Checking the signature and every binding of the token's issuer…"
              : diagnosis
                ? "Diagnosis ready below. The token was cleared from the box."
                : ""}
          </p>
        </div>
      </form>
      {diagnosis ? (
        <DiagnosisView
          diagnosis={diagnosis}
          labels={labels}
          canEdit={canEdit}
          headingRef={heading}
        />
      ) : null}
      <DiagnoseHistory diagnosed={diagnosed} />
    </div>
  );
}
