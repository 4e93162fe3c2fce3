import { z } from "zod";

// ?format=: which formats apply depends on the cloud, so the value is checked
// once the entry is loaded (400 naming that cloud's formats), not here.
export const ZExportQuery = z
  .object({
    format: z
      .string()
      .trim()
      .max(32, "must be at most 32 characters")
      .default("terraform")
      .describe("terraform, or the cloud's CLI: az (Azure), aws (AWS), gcloud (GCP)"),
  })
  .strict();
