import {
  invalidAudienceParameter,
  invalidTarget,
  otherProviderNamed,
} from "@/lib/clouds/gcp/cloud-errors";
import type { NormalisedGcpBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { ZPoolId, ZProviderId } from "@/lib/clouds/gcp/ids";
import { failed, passed, type Outcome } from "@/lib/clouds/gcp/match/outcome";
import {
  isWellFormedStsAudience,
  providerNameHint,
  readProviderName,
} from "@/lib/clouds/gcp/match/resource-names";
import type { Check, ExchangeRequest } from "@/lib/federation/types";

// STS first reads its `audience` parameter to find the pool and provider,
// before it looks at the token: a malformed name is invalid_request; a name
// no provider can have (a project ID, another project number) or a disabled
// pool or provider is invalid_target (CLOUDS.md 3.1, 3.6, 3.8; auth#202
// shows a project ID giving invalid_target).

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
      ? // CLOUDS.md 3.2, 3.6
        "The STS audience parameter is the //iam.googleapis.com/… form; the https://iam.googleapis.com/… form is for the token's aud."
      : audience.startsWith("projects/")
        ? // CLOUDS.md 3.6
          "Prefix the name with //iam.googleapis.com/."
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
  const named = readProviderName(audience);
  const { projectNumber, providerId } = binding.provider;
  if (
    audience !== expected &&
    named?.providerId &&
    named.project === projectNumber &&
    ZPoolId.safeParse(named.poolId).success &&
    ZProviderId.safeParse(named.providerId).success
  ) {
    // Another provider of this project may well exist: STS then judges the
    // token by that provider's settings, which this binding doesn't hold.
    // Only a missing or disabled one gives invalid_target (CLOUDS.md 3.8).
    return failed(
      {
        check: "target",
        expected,
        actual: audience,
        message: `The request names provider ${named.providerId} of pool ${named.poolId}, so STS would use that provider, not this binding's provider ${providerId}.`,
        // CLOUDS.md 3.8
        hint: `If provider ${named.providerId} exists and is enabled, its issuer, audiences, mapping and condition decide; otherwise STS answers invalid_target. Send ${expected} as the audience to use this provider.`,
        source,
      },
      otherProviderNamed(audience),
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

/**
 * CLOUDS.md 3.1, 3.8: a disabled pool or provider is invalid_target. The pool
 * is named first: disabling it also stops tokens already issued, so
 * re-enabling the provider alone would not help.
 */
export function checkProviderEnabled(binding: NormalisedGcpBinding): Outcome {
  const enabledSource = "CLOUDS.md 3.1, 3.8 (pool and provider resource reference)";
  if (binding.poolDisabled) {
    const pool = binding.provider.poolId;
    return failed(
      {
        check: "target",
        expected: "pool and provider enabled",
        actual: `pool ${pool} disabled`,
        message: `Pool ${pool} is disabled: STS refuses exchanges for every provider in it, and tokens already issued from it stop working.`,
        source: enabledSource,
      },
      invalidTarget(),
    );
  }
  const check: Omit<Check, "ok"> = {
    check: "target",
    expected: "enabled",
    actual: binding.disabled ? "disabled" : "enabled",
    source: enabledSource,
    message: binding.disabled
      ? "The provider is disabled: STS refuses new exchanges (tokens already issued keep working)."
      : "The pool and the provider are enabled.",
  };
  return binding.disabled ? failed(check, invalidTarget()) : passed(check);
}
