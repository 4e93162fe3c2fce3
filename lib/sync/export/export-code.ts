import { awsExporter } from "@/lib/clouds/aws/export";
import { azureExporter } from "@/lib/clouds/azure/export";
import { gcpExporter } from "@/lib/clouds/gcp/export";
import { cloudLabels } from "@/lib/clouds/registry";
import type { Cloud } from "@/lib/clouds/types";
import { AppError } from "@/lib/errors";
import {
  commandsHow,
  exportHeader,
  renderCommands,
  renderTerraform,
  terraformHow,
} from "@/lib/sync/export/render-parts";
import type {
  CloudExporter,
  ExportDocument,
  ExportFormat,
  ExportSource,
} from "@/lib/sync/export/export-types";

// Export as code: a binding or a target as Terraform or its cloud's CLI.

const exporters: Record<Cloud, CloudExporter> = {
  azure: azureExporter,
  aws: awsExporter,
  gcp: gcpExporter,
};

export const exportFormatLabels: Record<ExportFormat, string> = {
  terraform: "Terraform",
  az: "Azure CLI",
  aws: "AWS CLI",
  gcloud: "gcloud",
};

/** Terraform and the cloud's own CLI. */
export function exportFormatsFor(cloud: Cloud): ExportFormat[] {
  return ["terraform", exporters[cloud].cliFormat];
}

/** A file name of safe characters only: it travels in a Content-Disposition header. */
export function exportFilename(name: string, format: ExportFormat): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "fedlens-export";
  return format === "terraform" ? `${base}.tf` : `${base}-${format}.sh`;
}

function isFormatOf(formats: ExportFormat[], format: string): format is ExportFormat {
  return (formats as string[]).includes(format);
}

export function renderExport({
  cloud,
  format,
  source,
}: {
  cloud: Cloud;
  /** Checked here: the formats depend on the cloud. */
  format: string;
  source: ExportSource;
}): ExportDocument {
  const formats = exportFormatsFor(cloud);
  if (!isFormatOf(formats, format)) {
    // The rejected value is not echoed (CONVENTIONS 16); the choices are.
    throw new AppError("bad_request", {
      message: `${cloudLabels[cloud]} exports as ${formats.join(" or ")}: choose one of those formats.`,
      details: { formats },
    });
  }
  const name = source.scope === "binding" ? (source.bindings[0]?.name ?? "") : source.target.name;
  const parts = exporters[cloud].parts(source);
  const values = source.bindings.map((binding) => binding.cloudObject);
  return {
    format,
    filename: exportFilename(name, format),
    text:
      format === "terraform"
        ? renderTerraform(exportHeader(describe(source), terraformHow, values), parts)
        : renderCommands(exportHeader(describe(source), commandsHow, values), parts),
  };
}

function describe(source: ExportSource): string {
  const count = source.bindings.length;
  return source.scope === "binding"
    ? `the binding "${source.bindings[0]?.name ?? ""}" on "${source.target.name}"`
    : `the target "${source.target.name}" with ${count} ${count === 1 ? "binding" : "bindings"}`;
}

/** One cloud's pieces for a source (a plan's export assembles several targets' pieces). */
export function exportParts(cloud: Cloud, source: ExportSource) {
  return exporters[cloud].parts(source);
}

export function cliFormatOf(cloud: Cloud): ExportFormat {
  return exporters[cloud].cliFormat;
}

/** Every format of the entry's cloud, rendered, with its label: what the export card shows. */
export function renderAllExports({ cloud, source }: { cloud: Cloud; source: ExportSource }) {
  return exportFormatsFor(cloud).map((format) => ({
    ...renderExport({ cloud, format, source }),
    label: exportFormatLabels[format],
  }));
}
