import { z } from "zod";
import { ZSubjectSpec } from "@/lib/catalog/subjects/subject-spec";
import { ZCloud } from "@/lib/schemas/target";

// The reverse lookup's request and answers (issue 15 item 4): "who can reach
// this target?", "what does this workload reach?" and "which bindings would
// accept this identity?".

const ZClaims = z
  .record(z.string().max(200, "claim names must be at most 200 characters"), z.unknown())
  .refine((claims) => typeof claims.sub === "string" && claims.sub.length > 0, {
    message: "must hold the token's sub as a string",
  })
  .meta({ description: "The token's claims as the issuer would sign them; sub is required." });

export const ZReachQuery = z
  .object({
    issuer: z
      .string()
      .trim()
      .min(1, "is required")
      .max(2048, "must be at most 2048 characters")
      .meta({
        description:
          "The issuer URL exactly as the token's iss carries it (a trailing slash counts).",
      }),
    claims: ZClaims.optional(),
    subjectSpec: ZSubjectSpec.optional().meta({
      description:
        "The identity described the way a workload is (GitHub repository and branch or environment, Kubernetes namespace and service account, …); Fedlens predicts the token.",
    }),
  })
  .strict()
  .refine((body) => (body.claims === undefined) !== (body.subjectSpec === undefined), {
    message: "give either claims or subjectSpec, not both",
    path: ["claims"],
  })
  .meta({ description: "Describe an identity by its raw claims or by a subject spec." });
export type TReachQuery = z.infer<typeof ZReachQuery>;

const ZRef = z.object({ id: z.string(), name: z.string() });

export const ZReachEntry = z.object({
  kind: z.enum(["effective", "broken", "undecided"]).meta({
    description:
      "effective: the binding accepts the token; broken: made for this workload but refuses it; undecided: the answer rests on a claim Fedlens cannot know.",
  }),
  declared: z.boolean().meta({ description: "The binding was made for this workload." }),
  cloud: ZCloud,
  binding: ZRef,
  target: ZRef.extend({ kind: z.string() }),
  workload: ZRef.meta({
    description: "The workload (for a free query: the one the binding was made for).",
  }),
  verdict: z.enum(["accepted", "refused", "undecided"]),
  failingCheck: z.object({ check: z.string(), message: z.string() }).optional(),
  cloudError: z.object({ code: z.string(), message: z.string() }).optional(),
  dependsOn: z.array(z.string()).optional(),
  broad: z.string().optional(),
  caveats: z.array(z.string()).optional(),
  audienceUnconfirmed: z.boolean().optional(),
  partialToken: z.boolean().optional(),
});
export type TReachEntry = z.infer<typeof ZReachEntry>;

export const ZReachOpen = z.object({
  cloud: ZCloud,
  binding: ZRef,
  issuerUrl: z.string(),
  admits: z.string().meta({
    description: 'What the binding admits beyond the catalogue, e.g. "any repository of contoso".',
  }),
});
export type TReachOpen = z.infer<typeof ZReachOpen>;

export const ZTargetReach = z.object({
  target: ZRef,
  edges: z.array(ZReachEntry),
  open: z.array(ZReachOpen),
});
export type TTargetReach = z.infer<typeof ZTargetReach>;

export const ZWorkloadReach = z.object({ workload: ZRef, edges: z.array(ZReachEntry) });
export type TWorkloadReach = z.infer<typeof ZWorkloadReach>;

export const ZReachAnswer = z.object({
  issuer: z.string(),
  subject: z.string(),
  partialToken: z.boolean().meta({ description: "Only sub and aud of such tokens are known." }),
  bindings: z.array(ZReachEntry.omit({ kind: true, declared: true })).meta({
    description:
      "Every binding that would accept the identity, or whose answer Fedlens cannot decide.",
  }),
});
export type TReachAnswer = z.infer<typeof ZReachAnswer>;
