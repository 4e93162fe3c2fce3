import { z } from "zod";
import { ZGcpProjectNumber } from "@/lib/clouds/gcp/ids";

// What a GCP connection reaches: one project, by id (the Resource Manager and
// service-account APIs) and by number (workload identity pool names).

export const ZGcpConnectionScope = z
  .object({
    // Project ids: 6-30 lower-case letters, digits or hyphens, starting with a
    // letter, not ending with a hyphen (Resource Manager, projects.create).
    projectId: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a project ID such as my-project-123"),
    projectNumber: ZGcpProjectNumber,
  })
  .strict();
export type TGcpConnectionScope = z.infer<typeof ZGcpConnectionScope>;
