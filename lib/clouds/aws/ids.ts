import { z } from "zod";
import { boundedMemo } from "@/lib/bounded-memo";

// Identifiers of the IAM objects a binding touches. Patterns follow the IAM
// API reference (CreateRole, CreateOpenIDConnectProvider); CLOUDS.md 2.1
// covers the provider URL, its client ids, thumbprints, ARN and key prefix.

export const ZAwsAccountId = z
  .string({ message: "is required" })
  .trim()
  .superRefine((value, ctx) => {
    if (value === "") ctx.addIssue({ code: "custom", message: "is required" });
    else if (!/^\d{12}$/.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: "must be a 12-digit AWS account id, without dashes",
      });
    }
  });

// CreateRole RoleName: [\w+=,.@-]+, 1–64 characters.
export const ZIamRoleName = z
  .string({ message: "is required" })
  .min(1, "is required")
  .max(64, "must be at most 64 characters")
  .regex(/^[\w+=,.@-]*$/, "may contain only letters, digits and + = , . @ _ -");

// CreateRole Path: (\u002F)|(\u002F[\u0021-\u007E]+\u002F), at most 512.
export const ZIamPath = z
  .string({ message: "is required" })
  .max(512, "must be at most 512 characters")
  .superRefine((value, ctx) => {
    if (!/^[\u0021-\u007E]*$/.test(value)) {
      ctx.addIssue({ code: "custom", message: "may contain only printable ASCII, without spaces" });
    } else if (!/^(\/|\/[\u0021-\u007E]+\/)$/.test(value)) {
      ctx.addIssue({ code: "custom", message: "must be / or start and end with /, such as /ci/" });
    }
  });

export function roleArn(accountId: string, path: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role${path}${roleName}`;
}

/**
 * CLOUDS.md 2.1: the provider URL without https://, exactly as registered,
 * a trailing slash included (`auth-dev.mozilla.auth0.com/:aud`). It is both
 * the condition-key prefix and the ARN suffix.
 */
export function oidcProviderKey(url: string): string {
  return url.startsWith("https://") ? url.slice("https://".length) : url;
}

export function oidcProviderArn(accountId: string, url: string): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${oidcProviderKey(url)}`;
}

/** URL() drops a default :443, so look at what was typed. */
function hasPort(value: string): boolean {
  const authority = value.slice("https://".length).split(/[/?#]/)[0] ?? "";
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  return host.startsWith("[") ? /\]:/.test(host) : host.includes(":");
}

// CLOUDS.md 2.1 (CreateOpenIDConnectProvider): must begin with https://,
// paths allowed, no query string, no port; Url is 1–255 characters.
function providerUrlProblems(value: string): string[] {
  if (/\s/.test(value)) return ["must not contain spaces or line breaks"];
  if (!value.startsWith("https://")) return ["must start with https://"];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ["must be an absolute URL such as https://token.actions.githubusercontent.com"];
  }
  const problems: string[] = [];
  if (value.includes("?")) problems.push("must not have a query string: IAM refuses it");
  if (value.includes("#")) problems.push("must not have a fragment");
  if (url.username || url.password) problems.push("must not contain credentials");
  if (hasPort(value)) problems.push("must not have a port: IAM refuses it");
  return problems;
}

// An account's few provider URLs recur in every binding and account checked;
// a URL longer than IAM takes is checked but not remembered.
const rememberedUrlProblems = boundedMemo<string[]>(1000, { maxKeyLength: 255 });

export const ZOidcProviderUrl = z
  .string({ message: "is required" })
  .min(1, "is required")
  .max(255, "must be at most 255 characters")
  .superRefine((value, ctx) => {
    if (value === "") return;
    for (const message of rememberedUrlProblems(value, () => providerUrlProblems(value))) {
      ctx.addIssue({ code: "custom", message });
    }
  });

// CLOUDS.md 2.1: up to 100 client ids (audiences) per provider, each ≤ 255.
// List sizes are refinements: zod 4 runs .min()/.max() even on a string that
// failed the array check, which would add a second, misleading message.
export const ZClientIdList = z
  .array(
    z
      .string({ message: "is required" })
      .min(1, "is required")
      .max(255, "must be at most 255 characters"),
    { message: "must be a list of client ids" },
  )
  .superRefine((list, ctx) => {
    if (list.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: "add at least one client id: STS rejects tokens whose aud is not listed",
      });
    }
    if (list.length > 100)
      ctx.addIssue({ code: "custom", message: "a provider holds at most 100 client ids" });
  });

// CLOUDS.md 2.1: up to 5 SHA-1 thumbprints (40 hex digits); optional now.
// Hex compares case-insensitively; lower case keeps stored lists comparable.
export const ZThumbprintList = z
  .array(
    z
      .string({ message: "is required" })
      .regex(/^[0-9a-fA-F]{40}$/, "must be a SHA-1 thumbprint: 40 hexadecimal digits")
      .transform((value) => value.toLowerCase()),
    { message: "must be a list of thumbprints" },
  )
  .refine((list) => list.length <= 5, "a provider holds at most 5 thumbprints");
