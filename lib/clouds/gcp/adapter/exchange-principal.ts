import "server-only";
import { decodeJwt } from "jose";
import { z } from "zod";
import type { ExchangeRequest } from "@/lib/clouds/exchange-types";
import { mapAttributes } from "@/lib/clouds/gcp/match/mapping";
import { poolResource, principalForSubject, type ProviderRef } from "@/lib/clouds/gcp/principals";

// Who a federated token stands for when the exchange stops at STS. STS does
// not say (its answer is only the token), so the principal is derived from
// the token's claims with the provider's attribute mapping as the catalogue
// holds it (CLOUDS.md 3.3, 3.7); when that cannot be done, the pool is named.

const ZMapping = z.object({ attributeMapping: z.record(z.string(), z.string()) });

export function federatedPrincipal(request: ExchangeRequest, provider: ProviderRef): string {
  const config = ZMapping.safeParse(request.target.config);
  if (!config.success) return poolResource(provider);
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(request.token.reveal());
  } catch {
    return poolResource(provider);
  }
  const subject = mapAttributes(config.data.attributeMapping, claims).mapped.google.subject;
  return typeof subject === "string" && subject
    ? principalForSubject(provider, subject)
    : poolResource(provider);
}
