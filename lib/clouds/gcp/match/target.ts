import { invalidAudienceParameter, invalidTarget } from "@/lib/clouds/gcp/cloud-errors";
import type { NormalisedGcpBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { failed, passed, type Outcome } from "@/lib/clouds/gcp/match/outcome";
import { isWellFormedStsAudience, providerNameHint } from "@/lib/clouds/gcp/match/resource-names";
import type { ExchangeRequest } from "@/lib/federation/types";

// STS first reads its `audience` parameter to find the pool and provider,
// before it looks at the token: a malformed name is invalid_request, a name
// that is not this provider, or a disabled provider, is invalid_target
// (CLOUDS.md 3.1, 3.6, 3.8; auth#202 shows a project ID giving invalid_target).

const source = "CLOUDS.md 3.6, 3.8 (STS v1 token reference; google-github-actions/auth#202)";

export function checkStsAudience(
  binding: NormalisedGcpBinding,
  request?: ExchangeRequest,
): Outcome {
  const audience = request?.gcp?.stsAudience;
  const expected = binding.providerResource;
  if (audience === undefined) {
    return passed({
      check: "target",
      expected,
      message:
        "No STS audience given: assuming the client sends the provider's full resource name, as google-github-actions/auth does.",
      source,
    });
  }
  if (!isWellFormedStsAudience(audience)) {
    const hint = audience.startsWith("https://iam.googleapis.com/")
      ? "The STS audience parameter is the //iam.googleapis.com/… form; the https://iam.googleapis.com/… form is for the token's aud (CLOUDS.md 3.2, 3.6)."
      : audience.startsWith("projects/")
        ? "Prefix the name with //iam.googleapis.com/ (CLOUDS.md 3.6)."
        : undefined;
    return failed(
      {
        check: "target",
        expected,
        actual: audience,
        message: "STS cannot read the audience parameter as a provider's full resource name.",
        ...(hint ? { hint } : {}),
        source,
      },
      invalidAudienceParameter(),
    );
  }
  if (audience !== expected) {
    const hint = providerNameHint(audience, binding.provider);
    return failed(
      {
        check: "target",
        expected,
        actual: audience,
        message: "The STS audience names another pool or provider than this one.",
        ...(hint ? { hint } : {}),
        source,
      },
      invalidTarget(),
    );
  }
  return passed({
    check: "target",
    expected,
    actual: audience,
    message: "The STS audience names this provider.",
    source,
  });
}

/** CLOUDS.md 3.1: a disabled provider exchanges no tokens. */
export function checkProviderEnabled(binding: NormalisedGcpBinding): Outcome {
  const check = {
    check: "target" as const,
    expected: "enabled",
    actual: binding.disabled ? "disabled" : "enabled",
    source: "CLOUDS.md 3.1, 3.8 (provider resource reference)",
  };
  if (!binding.disabled) return passed({ ...check, message: "The provider is enabled." });
  return failed(
    {
      ...check,
      message:
        "The provider is disabled: STS refuses new exchanges (tokens already issued keep working).",
    },
    invalidTarget(),
  );
}
