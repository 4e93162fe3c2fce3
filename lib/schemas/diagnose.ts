import { z } from "zod";
import { clouds } from "@/lib/clouds/registry";
import { checkNames } from "@/lib/federation/types";
import { ZPageQuery } from "@/lib/pagination";

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

/** The fields of an evaluate body; the OpenAPI document spells `binding` out per cloud. */
export const evaluateInputFields = {
  token: ZTokenText.optional(),
  claims: z.record(z.string(), z.unknown()).optional(),
  header: z.record(z.string(), z.unknown()).optional(),
  binding: z.looseObject({ cloud: z.enum(clouds, { message: "must be azure, aws or gcp" }) }),
  request: ZExchangeRequest.optional(),
  at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional(),
};

/**
 * POST /api/v1/evaluate: a stateless what-if (issue 4 §5). The binding is
 * checked by its cloud's evaluator schema afterwards, so its problems are
 * named `binding.<field>`.
 */
export const ZEvaluateInput = z
  .object(evaluateInputFields)
  .strict()
  .superRefine((input, ctx) => {
    if (Boolean(input.token) === Boolean(input.claims)) {
      ctx.addIssue({ code: "custom", path: ["token"], message: "send either token or claims" });
    }
  });
export type TEvaluateInput = z.infer<typeof ZEvaluateInput>;

// Response shapes, for the OpenAPI document.
const ZCheck = z.object({
  check: z.enum(checkNames),
  ok: z.boolean(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  message: z.string(),
  hint: z.string().optional(),
  source: z
    .object({ title: z.string(), url: z.url() })
    .optional()
    .describe("The cloud's public documentation the rule comes from."),
  unconfirmed: z.string().optional(),
});

export const ZEvaluation = z
  .object({
    accepted: z.boolean(),
    checks: z.array(ZCheck),
    cloudError: z.object({ code: z.string(), message: z.string() }).nullable(),
    broad: z.object({ reason: z.string() }).optional(),
    caveats: z
      .array(z.string())
      .optional()
      .describe("Accepted only under these assumptions the cloud does not document."),
  })
  .meta({
    id: "Evaluation",
    description: "Checks in the order the cloud applies them; the first failure decides.",
  });

const ZIssuerRef = z.object({ id: z.uuid(), name: z.string(), issuerUrl: z.string() });

export const ZDiagnosis = z.object({
  tokenSha256: z.string(),
  header: z.record(z.string(), z.unknown()),
  claims: z.record(z.string(), z.unknown()),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  claimIssues: z.array(
    z.object({ claim: z.string(), message: z.string(), severity: z.enum(["error", "warning"]) }),
  ),
  issuer: z.object({ exact: ZIssuerRef.nullable(), nearMisses: z.array(ZIssuerRef) }),
  signature: z.object({
    status: z.enum(["valid", "invalid", "unverifiable"]),
    reason: z.string().optional(),
    message: z.string(),
    issuerId: z.string().optional(),
    kid: z.string().optional(),
    alg: z.string().optional(),
    keysFrom: z.string().optional(),
  }),
  results: z.array(
    z.object({
      bindingId: z.uuid(),
      bindingName: z.string(),
      cloud: z.enum(clouds),
      issuerMatch: z.enum(["exact", "near"]),
      issuerUrl: z.string(),
      workload: z.object({ id: z.uuid(), name: z.string() }),
      target: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
      evaluation: ZEvaluation,
    }),
  ),
  otherIssuers: z.array(ZIssuerRef),
  evaluatedAt: z.string(),
});

/** GET /api/v1/diagnoses: the caller's own diagnose history, newest first. */
export const ZDiagnosisHistoryQuery = ZPageQuery.extend({}).strict();
export type TDiagnosisHistoryQuery = z.infer<typeof ZDiagnosisHistoryQuery>;

/** One past diagnosis: the token's SHA-256 and a few claims, never the token (SECURITY.md 3.7). */
export const ZDiagnosisRecord = z.object({
  id: z.uuid(),
  tokenSha256: z.string(),
  iss: z.string().nullable(),
  sub: z.string().nullable(),
  aud: z.union([z.string(), z.array(z.unknown())]).nullable(),
  /** Seconds since the epoch, as the token carried them. */
  exp: z.number().nullable(),
  iat: z.number().nullable(),
  kid: z.string().nullable(),
  alg: z.string().nullable(),
  signature: z.string(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** Bindings whose answer Fedlens could not tell. */
  undecided: z.number().int(),
  createdAt: z.string(),
});
export type TDiagnosisRecord = z.infer<typeof ZDiagnosisRecord>;
