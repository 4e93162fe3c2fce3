import { z } from "zod";
import { ZOidcProviderUrl } from "@/lib/clouds/aws/ids";
import { ZSid } from "@/lib/clouds/aws/trust-statement";

// One statement of the role's trust policy, owned by this binding and found
// by its Sid (issue 3 §3). `builder` holds the form's fields; `statement` is
// the JSON IAM stores, built from them or typed in directly (mode "raw").

const ZText = (max: number) =>
  z.string().min(1, "is required").max(max, `must be at most ${max} characters`);

export const ZAwsExtraCondition = z
  .object({
    operator: ZText(64),
    claim: ZText(64),
    values: z.array(ZText(1024)).min(1, "give at least one value").max(50, "at most 50 values"),
  })
  .strict();

export const ZAwsBuilder = z
  .object({
    audiences: z.array(ZText(255)).min(1, "give at least one audience").max(100),
    subjectOperator: z.enum(["StringEquals", "StringLike"]),
    subjects: z.array(ZText(1024)).max(50, "at most 50 subjects"),
    extraConditions: z.array(ZAwsExtraCondition).max(20, "at most 20 extra conditions").default([]),
  })
  .strict();
export type TAwsBuilder = z.infer<typeof ZAwsBuilder>;

export const ZAwsBindingSpec = z
  .object({
    cloud: z.literal("aws"),
    sid: ZSid,
    providerUrl: ZOidcProviderUrl,
    mode: z.enum(["builder", "raw"]),
    builder: ZAwsBuilder.optional(),
    // Raw mode: the statement as JSON text (checked for duplicate keys) or an object.
    statement: z.unknown().optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.mode === "builder" && !spec.builder) {
      ctx.addIssue({ code: "custom", path: ["builder"], message: "is required in builder mode" });
    }
    if (spec.mode === "raw" && spec.statement === undefined) {
      ctx.addIssue({ code: "custom", path: ["statement"], message: "is required in raw mode" });
    }
  });
export type TAwsBindingSpec = z.infer<typeof ZAwsBindingSpec>;
