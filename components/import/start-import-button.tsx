"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useStartImport } from "@/lib/hooks/use-start-import";

/** Starts a read of the connection's cloud and opens its review page. */
export function StartImportButton({
  connectionId,
  label = "Start import",
}: {
  connectionId: string;
  label?: string;
}) {
  const router = useRouter();
  const start = useStartImport(connectionId);
  return (
    <div className="grid justify-items-start gap-2">
      <Button
        disabled={start.isPending}
        onClick={() =>
          start.mutate(undefined, {
            onSuccess: (run) => router.push(`/connections/${connectionId}/import/${run.id}`),
          })
        }
      >
        {start.isPending ? "Starting…" : label}
      </Button>
      {start.error ? <Alert variant="error">{start.error.message}</Alert> : null}
    </div>
  );
}
