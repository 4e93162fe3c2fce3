import { exportRoute } from "@/lib/sync/export/export-route";
import { loadBindingExport } from "@/lib/sync/export/load-export-source";

// The binding (and the target objects it needs) as Terraform or CLI commands.
export const GET = exportRoute(loadBindingExport);
