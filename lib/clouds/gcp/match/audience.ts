import { audienceMismatch } from "@/lib/clouds/gcp/cloud-errors";
import type { NormalisedGcpBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { nearMissHint } from "@/lib/clouds/gcp/match/hints";
import { failed, nearest, passed, quote, type Outcome } from "@/lib/clouds/gcp/match/outcome";
import { providerNameHint, readProviderName } from "@/lib/clouds/gcp/match/resource-names";
import { providerAudiences } from "@/lib/clouds/gcp/principals";
import type { Check, TokenFacts } from "@/lib/federation/types";

// CLOUDS.md 3.2 (provider OIDC object; auth TROUBLESHOOTING): with
// allowedAudiences empty, `aud` must be the provider's canonical name with
// the project NUMBER, `//iam…` or `https://iam…`; once the list is set, only
// the list counts.

const source =
  "CLOUDS.md 3.2, 3.8 (provider OIDC object; google-github-actions/auth TROUBLESHOOTING)";

function otherForm(audience: string): string | undefined {
  if (audience.startsWith("//iam.googleapis.com/")) return `https:${audience}`;
  if (audience.startsWith("https://iam.googleapis.com/")) return audience.slice("https:".length);
  return undefined;
}

function audienceHint(
  aud: string,
  binding: NormalisedGcpBinding,
  allowed: string[],
): string | undefined {
  const listed = binding.allowedAudiences.length > 0;
  const canonical: string[] = providerAudiences(binding.provider);
  const form = otherForm(aud);
  if (listed && form && binding.allowedAudiences.includes(form)) {
    return `The list has the ${form.startsWith("https:") ? "https://" : "//"} form of this name and the token the other; with allowedAudiences set the comparison is exact.`;
  }
  if (listed && canonical.includes(aud)) {
    // CLOUDS.md 3.2
    return "allowedAudiences is set, so the provider's own name is no longer accepted as aud: add it to allowedAudiences, or request one of the listed audiences.";
  }
  const providerHint = readProviderName(aud) ? providerNameHint(aud, binding.provider) : undefined;
  if (providerHint) return providerHint;
  const closest = nearest(allowed, aud);
  const slip = closest ? nearMissHint(closest, aud, "The audience") : undefined;
  if (slip) return slip;
  if (/^https:\/\/github\.com\/[^/]+$/.test(aud)) {
    // CLOUDS.md §4
    return "This is GitHub's default audience (the owner URL): set `audience` in the workflow, or list it in allowedAudiences.";
  }
  return undefined;
}

export function checkAudience(token: TokenFacts, binding: NormalisedGcpBinding): Outcome {
  const raw = token.claims.aud;
  const values =
    typeof raw === "string"
      ? [raw]
      : Array.isArray(raw) && raw.every((value) => typeof value === "string")
        ? (raw as string[])
        : null;
  const listed = binding.allowedAudiences.length > 0;
  const allowed = listed ? binding.allowedAudiences : providerAudiences(binding.provider);
  const actual = values ? values.join(", ") : quote(raw);
  const rule = listed
    ? `allowedAudiences: ${allowed.join(", ")}`
    : `the provider's name with the project number (allowedAudiences is empty): ${allowed.join(" or ")}`;

  if (!values || values.length === 0) {
    return failed(
      {
        check: "audience",
        expected: allowed[0],
        actual,
        message: `The token has no aud claim (string or array of strings); STS needs ${rule}.`,
        source,
      },
      audienceMismatch(actual, binding.allowedAudiences),
    );
  }
  const match = values.find((value) => allowed.includes(value));
  // CLOUDS.md 6: how Google compares a multi-valued aud is unconfirmed.
  const multiValued =
    values.length > 1
      ? // CLOUDS.md 6
        "Google does not document how a multi-valued aud is compared; Fedlens accepts when any value is allowed."
      : undefined;
  if (match) {
    const check: Omit<Check, "ok"> = {
      check: "audience",
      expected: match,
      actual,
      message: `aud ${match} is allowed (${rule}).`,
    };
    if (multiValued) {
      check.hint = multiValued;
      check.unconfirmed = multiValued;
    }
    check.source = source;
    return passed(check);
  }
  const closestAud =
    values.length === 1 ? (values[0] ?? "") : (nearest(values, allowed[0] ?? "") ?? "");
  const hint = [audienceHint(closestAud, binding, allowed), multiValued].filter(Boolean).join(" ");
  return failed(
    {
      check: "audience",
      expected: nearest(allowed, closestAud) ?? allowed[0],
      actual,
      message: `aud is not allowed; STS needs ${rule}.`,
      ...(hint ? { hint } : {}),
      source,
    },
    audienceMismatch(actual, binding.allowedAudiences),
  );
}
