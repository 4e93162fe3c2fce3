import { exportRoute } from "@/lib/sync/export/export-route";
import { loadTargetExport } from "@/lib/sync/export/load-export-source";

// The target's objects and all its bindings as Terraform or CLI commands.
export const GET = exportRoute(loadTargetExport);
