import { ExportCode, type ExportCodeDocument } from "@/components/export/export-code";
import { Card, CardTitle } from "@/components/ui/card";

/**
 * "Export as code": the entry as Terraform or its cloud's CLI, for teams
 * that apply changes through their own pipelines.
 */
export function ExportCard({
  documents,
  downloadPath,
  what,
}: {
  documents: ExportCodeDocument[];
  /** The export API path; the format is added as ?format=. */
  downloadPath: string;
  what: "binding" | "target";
}) {
  return (
    <Card>
      <CardTitle>Export as code</CardTitle>
      <p className="mb-4 text-sm text-muted-foreground">
        {what === "binding"
          ? "Create this binding, and the cloud objects it needs, from your own pipeline."
          : "Create this target's cloud objects and all its bindings from your own pipeline."}{" "}
        Review the code before you run it: it creates exactly what this page shows.
      </p>
      <ExportCode documents={documents} downloadPath={downloadPath} />
    </Card>
  );
}
