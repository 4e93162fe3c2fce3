"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { markPosition } from "@/components/diagnose/mark-position";
import type { TokenRefusal } from "@/components/diagnose/refused-token";
import type { Diagnosis, DiagnoseLabels } from "@/components/diagnose/types";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch, ApiError } from "@/lib/api-client";
import { isRecord } from "@/lib/json/is-record";

// The answer's view is most of the page's code and is needed only once a
// token is diagnosed: it is loaded then, not in the first load (issue 11 §11).
const loadDiagnosisView = () =>
  import("@/components/diagnose/diagnosis-view").then((m) => m.DiagnosisView);
const DiagnosisView = dynamic(loadDiagnosisView);
// What is left of a refused paste is shown with the decoded-token tables (and
// their claim words, copy button and time formats): wanted only after a
// refusal, so loaded then; in the first load they put the page over budget.
const RefusedToken = dynamic(() =>
  import("@/components/diagnose/refused-token").then((m) => m.RefusedToken),
);
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
 * What to keep of a paste the server refused as not a usable token (too
 * large, malformed, encrypted): null when the refusal is about something
 * else, and the token must not stay in the box.
 */
function refusalOf(error: unknown, paste: string): TokenRefusal | null {
  if (!(error instanceof ApiError)) return null;
  const aboutToken =
    error.status === 413 ||
    (error.status === 422 && error.invalidParams.some((param) => param.name === "token"));
  if (!aboutToken) return null;
  const { position, header } = error.extensions;
  return {
    mark: typeof position === "number" ? markPosition(paste, position) : null,
    header: isRecord(header) ? header : null,
    refusedAt: Date.now() / 1000,
  };
}

/**
 * The paste box and its answer. The token lives only in the textarea and is
 * sent in one POST body: the field is emptied once the token is diagnosed
 * (or the request fails), and the token never enters React state, the URL,
 * history, the query cache or storage (SECURITY.md 3.5). A paste refused as
 * not a usable token stays in the box to be fixed, its failing character
 * selected and shown with a few characters either side (the only part of a
 * paste held in state). The textarea has no name, so a submit before the
 * page hydrates sends nothing.
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
  const [exchangeToken, setExchangeToken] = useState<string | undefined>(undefined);
  const [diagnosed, setDiagnosed] = useState(0);
  // Once the answer has rendered, take keyboard and screen-reader users to it.
  useEffect(() => {
    if (diagnosis) heading.current?.focus();
  }, [diagnosis]);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<TokenRefusal | null>(null);
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
    const request = ++latest.current;
    setPending(true);
    setError(null);
    setRefusal(null);
    setDiagnosis(null);
    try {
      const [result] = await Promise.all([
        apiFetch<Diagnosis>("/diagnose", { method: "POST", body: { token } }),
        loadDiagnosisView(),
      ]);
      setDiagnosed((count) => count + 1);
      if (request !== latest.current) return;
      textarea.value = "";
      // Operators can try the token on a binding: held in memory only, with the diagnosis.
      setExchangeToken(canEdit ? token : undefined);
      setDiagnosis(result);
    } catch (failure) {
      if (request !== latest.current) return;
      const refused = refusalOf(failure, token);
      if (!refused) textarea.value = "";
      setRefusal(refused);
      setError(messageOf(failure));
      textarea.focus();
      if (refused?.mark) textarea.setSelectionRange(refused.mark.index, refused.mark.index + 1);
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
            readOnly={pending}
            onKeyDown={onKeyDown}
            onInput={() => setRefusal(null)}
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
                : refusal
                  ? `Not a usable token: the paste is kept in the box${refusal.mark ? ", its failing character marked" : ""}.`
                  : ""}
          </p>
        </div>
      </form>
      {refusal ? <RefusedToken refusal={refusal} /> : null}
      {diagnosis ? (
        <DiagnosisView
          diagnosis={diagnosis}
          labels={labels}
          canEdit={canEdit}
          headingRef={heading}
          exchangeToken={exchangeToken}
        />
      ) : null}
      <DiagnoseHistory diagnosed={diagnosed} />
    </div>
  );
}
