import type { TargetKind } from "@/lib/clouds/types";
import type { ExportPart } from "@/lib/sync/export/render-parts";

// What an export is made from: a target and the bindings to write, each with
// the object its cloud holds as the catalogue renders it (cloudCatalog's
// cloudObject), so the export never re-derives a cloud rule.

export const exportFormats = ["terraform", "az", "aws", "gcloud"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportBinding = { name: string; cloudObject: unknown };

export type ExportSource = {
  /** Whether one binding or a whole target (its bindings plus its own objects) is exported. */
  scope: "binding" | "target";
  target: { name: string; kind: TargetKind; config: unknown };
  bindings: ExportBinding[];
};

/** One cloud's exporter: the pieces (Terraform resources, its own CLI's commands) a source is made of. */
export type CloudExporter = {
  cliFormat: Exclude<ExportFormat, "terraform">;
  parts: (source: ExportSource) => ExportPart[];
};

export type ExportDocument = { format: ExportFormat; filename: string; text: string };
