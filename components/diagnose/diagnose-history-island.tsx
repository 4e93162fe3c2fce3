"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { DiagnoseHistory } from "@/components/diagnose/diagnose-history";
import { withQueries } from "@/components/providers/query-island";
import { diagnosisKeys } from "@/lib/queries/diagnoses";

/** Refetches the history when the paste box reports a new diagnosis. */
function RefreshOnDiagnosis({ diagnosed }: { diagnosed: number }) {
  const client = useQueryClient();
  const seen = useRef(diagnosed);
  useEffect(() => {
    if (seen.current === diagnosed) return;
    seen.current = diagnosed;
    void client.invalidateQueries({ queryKey: diagnosisKeys.all });
  }, [client, diagnosed]);
  return null;
}

/**
 * The history with React Query around it, loaded apart from the paste box
 * so that the page's first load stays small (issue 11 §11). `diagnosed`
 * counts the diagnoses made on this page.
 */
export const DiagnoseHistoryIsland = withQueries(function HistoryWithRefresh({
  diagnosed,
}: {
  diagnosed: number;
}) {
  return (
    <>
      <RefreshOnDiagnosis diagnosed={diagnosed} />
      <DiagnoseHistory />
    </>
  );
});
