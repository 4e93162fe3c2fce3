"use client";

import { useState } from "react";
import { errorAt, errorsUnder, type ErrorMap } from "@/components/workloads/field-errors";
import type { ActionState } from "@/lib/http/action-state";

/**
 * Which errors a live form shows: the client's own (from the schema the
 * server uses) once a field has been edited or a submit failed, and the
 * server's for `prefix.*` until their field is edited again.
 */
export function useLiveErrors(submission: ActionState, prefix: string) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [editedSince, setEditedSince] = useState<ReadonlySet<string>>(new Set());
  const [seen, setSeen] = useState(submission);
  if (seen !== submission) {
    setSeen(submission);
    setEditedSince(new Set());
  }
  const serverErrors = errorsUnder(submission.fieldErrors, prefix);
  const showAll = submission.status === "error";

  function markEdited(keys: string[]) {
    setTouched((current) => new Set([...current, ...keys]));
    setEditedSince((current) => new Set([...current, ...keys]));
  }

  /**
   * `touchedKey` is the form field a path comes from, by default its first
   * segment; `exact` leaves out errors at paths inside `path`.
   */
  function errorFor(clientErrors: ErrorMap) {
    return (path: string, touchedKey?: string, exact = false): string | undefined => {
      const key = touchedKey ?? path.split(".")[0] ?? path;
      const live = showAll || touched.has(key) ? errorAt(clientErrors, path, exact) : undefined;
      return live ?? (editedSince.has(key) ? undefined : errorAt(serverErrors, path, exact));
    };
  }

  /** The error about the whole object (path ""), which has no field of its own. */
  function wholeError(clientErrors: ErrorMap, ...serverPaths: string[]): string | undefined {
    const live = showAll || touched.size > 0 ? clientErrors[""] : undefined;
    if (live) return live;
    if (editedSince.size > 0) return undefined;
    return ["", ...serverPaths].map((path) => serverErrors[path]).find(Boolean);
  }

  return { markEdited, errorFor, wholeError };
}
