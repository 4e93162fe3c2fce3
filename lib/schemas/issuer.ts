import { z } from "zod";
import { issuerKinds } from "@/lib/catalog/issuer-kinds";
import { ZPageQuery } from "@/lib/pagination";

// The issuer URL is stored exactly as typed (clouds compare `iss` byte for
// byte), so it is not trimmed: surrounding spaces are an error, not a fix-up.
// OpenID Connect Discovery 1.0 §3: https, no query, no fragment. Entra limits
// a FIC issuer to 600 characters (CLOUDS.md 1.5).
export const ZIssuerUrl = z
  .string({ message: "is required" })
  .min(1, "is required")
  .max(600, "must be at most 600 characters")
  .superRefine((value, ctx) => {
    if (value === "") return;
    if (/\s/.test(value)) {
      ctx.addIssue({ code: "custom", message: "must not contain spaces or line breaks" });
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "must be an absolute URL such as https://issuer.example.com",
      });
      return;
    }
    // URL() normalises "HTTPS:" and "https:/host"; the stored text must itself start https://.
    if (url.protocol !== "https:" || !value.startsWith("https://")) {
      ctx.addIssue({ code: "custom", message: "must use https" });
    }
    if (url.search || value.includes("?"))
      ctx.addIssue({ code: "custom", message: "must not have a query string" });
    if (url.hash || value.includes("#"))
      ctx.addIssue({ code: "custom", message: "must not have a fragment" });
    if (url.username || url.password)
      ctx.addIssue({ code: "custom", message: "must not contain credentials" });
  });

// http is accepted for lab issuers; it is only ever fetched from hosts an
// admin listed in FEDLENS_ALLOWED_ISSUER_HOSTS (lib/http/safe-fetch.ts).
const ZJwksUri = z
  .url({
    protocol: /^https?$/,
    message: "must be an https URL (http only for allow-listed lab hosts)",
  })
  .max(2048, "must be at most 2048 characters");

export const ZIssuerKind = z.enum(issuerKinds, {
  message: `must be one of: ${issuerKinds.join(", ")}`,
});

const issuerFields = {
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  issuerUrl: ZIssuerUrl,
  kind: ZIssuerKind,
  // Forms send "" for an empty field; the API may send null to clear it.
  jwksUri: z
    .union([z.literal("").transform(() => null), z.null(), ZJwksUri])
    .optional()
    .describe("Fetch keys here instead of the discovery document's jwks_uri."),
  notes: z.string().trim().max(4000, "must be at most 4000 characters").optional(),
};

export const ZIssuerCreateInput = z.object(issuerFields).strict();
export type TIssuerCreateInput = z.infer<typeof ZIssuerCreateInput>;

export const ZIssuerUpdateInput = z.object(issuerFields).partial().strict();
export type TIssuerUpdateInput = z.infer<typeof ZIssuerUpdateInput>;

export const ZIssuerListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  kind: ZIssuerKind.optional(),
}).strict();
export type TIssuerListQuery = z.infer<typeof ZIssuerListQuery>;

export const ZIssuer = z.object({
  id: z.uuid(),
  name: z.string(),
  issuerUrl: z.string(),
  kind: ZIssuerKind,
  jwksUri: z.string().nullable(),
  notes: z.string(),
  version: z.number().int(),
  warnings: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TIssuer = z.infer<typeof ZIssuer>;
