import { z } from "zod";
import { clouds } from "@/lib/clouds/registry";

// A pasted token is capped far above the 16 KiB the pipeline accepts so the
// pipeline, not the schema, explains an oversize token (413).
export const ZTokenText = z
  .string({ message: "paste the token as a string" })
  .max(65_536, "is over 64 KiB");

export const ZDiagnoseInput = z.object({ token: ZTokenText }).strict();
export type TDiagnoseInput = z.infer<typeof ZDiagnoseInput>;

const ZExchangeRequest = z
  .object({
    azure: z
      .object({ clientId: z.string().max(100).optional() })
      .strict()
      .optional(),
    aws: z
      .object({ roleArn: z.string().max(2048).optional() })
      .strict()
      .optional(),
    gcp: z
      .object({
        stsAudience: z.string().max(1024).optional(),
        serviceAccount: z.string().max(320).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** POST /api/v1/evaluate: a stateless what-if (issue 4 §5). */
export const ZEvaluateInput = z
  .object({
    token: ZTokenText.optional(),
    claims: z.record(z.string(), z.unknown()).optional(),
    header: z.record(z.string(), z.unknown()).optional(),
    binding: z.looseObject({ cloud: z.enum(clouds, { message: "must be azure, aws or gcp" }) }),
    request: ZExchangeRequest.optional(),
    at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (Boolean(input.token) === Boolean(input.claims)) {
      ctx.addIssue({ code: "custom", path: ["token"], message: "send either token or claims" });
    }
  });
export type TEvaluateInput = z.infer<typeof ZEvaluateInput>;
