import { z } from "zod";

// The format of an endpoint override, checked before the URL is ever used:
// an absolute http(s) URL with no user name, password, query or fragment.
// Whether plain http, a private address or a loopback host is acceptable
// depends on FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS, which the server checks
// (lib/connections/endpoint-policy.ts): this schema also runs in the browser.

export const maxEndpointLength = 2048;

/** Blank form fields mean "no override". */
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const ZEndpointUrl = z
  .string({ message: "must be a URL" })
  .trim()
  .max(maxEndpointLength, `must be at most ${maxEndpointLength} characters`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a URL such as https://example.com" });
      return;
    }
    const scheme = value.slice(0, value.indexOf(":")).toLowerCase();
    // URL() normalises "HTTPS:" and "https:/host"; the text itself must spell the scheme fully.
    if ((scheme !== "https" && scheme !== "http") || !/^https?:\/\/[^/]/i.test(value)) {
      ctx.addIssue({ code: "custom", message: "must be an https URL" });
    }
    if (url.username || url.password || value.includes("@")) {
      ctx.addIssue({ code: "custom", message: "must not contain a user name or password" });
    }
    if (url.search || value.includes("?")) {
      ctx.addIssue({ code: "custom", message: "must not have a query string" });
    }
    if (url.hash || value.includes("#")) {
      ctx.addIssue({ code: "custom", message: "must not have a fragment" });
    }
  });

const optionalEndpoint = z.preprocess(blankToUndefined, ZEndpointUrl.optional());

/** The overrides each cloud's SDKs take (ConnectionEndpoints in the adapter contract). */
export const ZAzureEndpoints = z
  .object({
    azureResourceManager: optionalEndpoint,
    azureAuthorityHost: optionalEndpoint,
    azureGraph: optionalEndpoint,
  })
  .strict();

export const ZAwsEndpoints = z.object({ awsEndpoint: optionalEndpoint }).strict();

export const ZGcpEndpoints = z
  .object({ gcpRootUrl: optionalEndpoint, gcpTokenUrl: optionalEndpoint })
  .strict();

export const endpointFields = {
  azure: ["azureResourceManager", "azureAuthorityHost", "azureGraph"],
  aws: ["awsEndpoint"],
  gcp: ["gcpRootUrl", "gcpTokenUrl"],
} as const;
