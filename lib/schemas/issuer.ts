import { z } from "zod";
import { issuerKinds } from "@/lib/catalog/issuer-kinds";
import { parseStrictJson } from "@/lib/json/strict-json";
import { ZPageQuery } from "@/lib/pagination";
import { assessKeySet } from "@/lib/tokens/key-strength";
import { screenKeySet } from "@/lib/tokens/screen-key-set";
import type { Jwk } from "@/lib/tokens/key-match";

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

/** The pasted JWKS as text cannot exceed this, well inside the 64 KiB request cap. */
export const maxPastedJwksLength = 48 * 1024;

/**
 * Public keys pasted for an issuer Fedlens must not or cannot reach
 * (SECURITY.md 2.3 "No-fetch option"; GCP's jwksJson is the same idea). The
 * form sends JSON text, the API text or an object; either way it must pass
 * the screening a fetched key set passes, so a pasted set is never trusted
 * more than a fetched one.
 */
const ZPastedJwks = z
  .union([z.null(), z.string(), z.record(z.string(), z.unknown())], {
    message: "must be a JWKS object, its JSON text, or null",
  })
  // Checked in the transform, not a union member's, so its message survives.
  .transform((value, ctx): { keys: Jwk[] } | null => {
    if (value === null) return null;
    let json: unknown = value;
    if (typeof value === "string") {
      if (value.trim() === "") return null;
      const parsed = parseStrictJson(value, { maxLength: maxPastedJwksLength, maxDepth: 8 });
      if (!parsed.ok) {
        const message =
          parsed.reason === "syntax" ? `is not valid JSON: ${parsed.message}` : parsed.message;
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      json = parsed.value;
    } else if (JSON.stringify(value).length > maxPastedJwksLength) {
      ctx.addIssue({
        code: "custom",
        message: `must be at most ${maxPastedJwksLength / 1024} KiB`,
      });
      return z.NEVER;
    }
    const screened = screenKeySet(json);
    if (!screened.ok) {
      ctx.addIssue({ code: "custom", message: screened.error });
      return z.NEVER;
    }
    // Fetched sets may carry entries Fedlens skips; a pasted one is fixed by
    // the operator who pastes it, so every entry must be a usable key.
    if (screened.note) {
      ctx.addIssue({ code: "custom", message: screened.note });
      return z.NEVER;
    }
    // A key no verifier can import is refused; a weak one is saved with a warning.
    const unusable = assessKeySet(screened.keys).unusable;
    if (unusable.length > 0) {
      ctx.addIssue({ code: "custom", message: unusable.join(" ") });
      return z.NEVER;
    }
    return { keys: screened.keys };
  });

export const ZIssuerKind = z.enum(issuerKinds, {
  message: `must be one of: ${issuerKinds.join(", ")}`,
});

/** An issuer's keys come from one place: a JWKS URL or pasted keys, not both. */
export const bothKeySources = {
  code: "custom" as const,
  path: ["jwks"],
  message: "give either a JWKS URL or pasted keys, not both",
};

const issuerFields = {
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  issuerUrl: ZIssuerUrl,
  kind: ZIssuerKind,
  // Forms send "" for an empty field; the API may send null to clear it.
  jwksUri: z
    .union([z.literal("").transform(() => null), z.null(), ZJwksUri])
    .optional()
    .describe("Fetch keys here instead of the discovery document's jwks_uri."),
  jwks: ZPastedJwks.optional().describe(
    "The issuer's public keys as a JWKS (object or JSON text), used instead of fetching; null clears them.",
  ),
  notes: z.string().trim().max(4000, "must be at most 4000 characters").optional(),
};

/** The fields without the cross-field rule, for schemas that extend them (zod cannot extend a refined object). */
export const ZIssuerFields = z.object(issuerFields).strict();

export const ZIssuerCreateInput = ZIssuerFields.superRefine((input, ctx) => {
  if (input.jwksUri && input.jwks) ctx.addIssue(bothKeySources);
});
export type TIssuerCreateInput = z.infer<typeof ZIssuerCreateInput>;

/** The issuer form's own field: ticked when the operator keeps weak pasted keys. */
export const issuerFormFields = {
  acceptKeyWarnings: z.literal("on", { message: "must be on or absent" }).optional(),
};

export const ZIssuerCreateForm = ZIssuerFields.extend(issuerFormFields).superRefine(
  (input, ctx) => {
    if (input.jwksUri && input.jwks) ctx.addIssue(bothKeySources);
  },
);

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
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).nullable(),
  notes: z.string(),
  version: z.number().int(),
  warnings: z.array(z.string()),
  /** What is weak about the pasted keys (short RSA modulus, unusual exponent). */
  keyWarnings: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TIssuer = z.infer<typeof ZIssuer>;
