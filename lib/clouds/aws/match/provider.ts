import { missingClaim, noProviderFound } from "@/lib/clouds/aws/cloud-errors";
import type { AwsAccountProvider, NormalisedAwsBinding } from "@/lib/clouds/aws/evaluator-binding";
import { oidcProviderKey } from "@/lib/clouds/aws/ids";
import { builtInProviders } from "@/lib/clouds/aws/match/built-in-providers";
import { googleProviderKey } from "@/lib/clouds/aws/match/request-context";
import { nearestValue, textNearMiss } from "@/lib/clouds/aws/match/near-miss";
import { fail, pass, shorten, type Step } from "@/lib/clouds/aws/match/step";

/**
 * The keys that tie a built-in provider's token to one app, standing in for
 * the ClientIDList it lacks (CLOUDS.md 2.4; IAM "Available keys for AWS web
 * identity federation": Google's aud/oaud/sub, Cognito's aud, Facebook's and
 * Amazon's app_id).
 */
export const builtInProviderPins: Record<string, string[]> = {
  [googleProviderKey]: ["aud", "oaud", "sub"],
  "cognito-identity.amazonaws.com": ["aud"],
  "graph.facebook.com": ["app_id", "id"],
  "www.amazon.com": ["app_id", "user_id"],
};

// CLOUDS.md 2.3 step 1 (re:Post "resolve OIDC errors", Spacelift KB): STS
// finds the IAM OIDC provider whose URL equals the token's iss, exactly (a
// trailing slash counts), among the role account's providers. A provider the
// account registered wins; otherwise Google and Cognito are built in (their
// principal is the bare host, not an ARN).

const source = "CLOUDS.md 2.3 step 1, 2.7 (re:Post iam-oidc-idp-federation)";

export type ResolvedProvider = {
  step: Step;
  /** Whether STS would find a provider for the token's iss. */
  found: boolean;
  /** The provider later checks use: the one found, else the binding's own, to show what else would fail. */
  provider: AwsAccountProvider;
  /** Google or Cognito: built in, no ClientIDList (CLOUDS.md 2.1). */
  builtIn: boolean;
  /** The condition-key prefix (the URL without https://, CLOUDS.md 2.1). */
  providerKey: string;
  /** What Principal.Federated must name. */
  principalId: string;
};

// The bindings of one account name its few providers token after token: the
// last ARN is kept, so each is built once and compared as the same text.
let lastArn: { partition: string; accountId: string; url: string; arn: string } | undefined;

function providerArn(binding: NormalisedAwsBinding, url: string): string {
  const { partition, accountId } = binding;
  if (lastArn?.url !== url || lastArn.accountId !== accountId || lastArn.partition !== partition) {
    const arn = `arn:${partition}:iam::${accountId}:oidc-provider/${oidcProviderKey(url)}`;
    lastArn = { partition, accountId, url, arn };
  }
  return lastArn.arn;
}

function missHint(iss: string, providers: AwsAccountProvider[]): string | undefined {
  if (iss.startsWith("http://"))
    // CLOUDS.md 2.3 step 3
    return "STS requires the issuer to start with https://.";
  for (const provider of providers) {
    const why = textNearMiss(provider.url, iss, {
      expected: `the provider URL ${shorten(provider.url)}`,
      actual: "the token's iss",
    });
    if (why) {
      return `Near miss: ${why}. STS needs the exact URL (a trailing slash counts), so register a provider for ${shorten(iss)} or fix the issuer.`;
    }
    if (iss.startsWith(`${provider.url}/`)) {
      return `The token's issuer is ${shorten(iss)}, more specific than the provider ${shorten(provider.url)} (a GHEC enterprise issuer, for example); STS needs a provider for the exact URL.`;
    }
  }
  return undefined;
}

export function resolveProvider(iss: unknown, binding: NormalisedAwsBinding): ResolvedProvider {
  if (typeof iss === "string" && iss !== "") {
    const match = binding.providers.find((provider) => provider.url === iss);
    if (match) return registeredProvider(iss, match, binding);
    const builtIn = builtInProviders.find((key) => iss === `https://${key}` || iss === key);
    if (builtIn) return builtInProvider(iss, builtIn);
  }
  // A trust in a built-in provider comes with no IAM provider of its own.
  const own = binding.builtIn
    ? { url: `https://${binding.builtIn}`, clientIds: [] }
    : (binding.providers[0] as AwsAccountProvider);
  const ownBuiltIn = binding.builtIn !== undefined;
  const fallback = {
    found: false,
    provider: own,
    builtIn: ownBuiltIn,
    providerKey: oidcProviderKey(own.url),
    principalId: ownBuiltIn ? oidcProviderKey(own.url) : providerArn(binding, own.url),
  };
  if (typeof iss !== "string" || iss === "") {
    return {
      ...fallback,
      step: fail(
        {
          check: "provider",
          expected: own.url,
          actual: "(absent)",
          message: "The token has no iss claim, so STS cannot look up a provider.",
          source,
        },
        missingClaim("iss"),
      ),
    };
  }
  const hint = missHint(iss, binding.providers);
  return {
    ...fallback,
    step: fail(
      {
        check: "provider",
        expected: nearestValue(
          [...(ownBuiltIn ? [own.url] : []), ...binding.providers.map((provider) => provider.url)],
          iss,
        ),
        actual: iss,
        message: `No IAM OIDC provider in account ${binding.accountId} has the URL ${shorten(iss)}; later checks assume ${shorten(own.url)}.`,
        ...(hint ? { hint } : {}),
        source,
      },
      noProviderFound(iss),
    ),
  };
}

function registeredProvider(
  iss: string,
  match: AwsAccountProvider,
  binding: NormalisedAwsBinding,
): ResolvedProvider {
  return {
    found: true,
    provider: match,
    builtIn: false,
    providerKey: oidcProviderKey(match.url),
    principalId: providerArn(binding, match.url),
    step: pass({
      check: "provider",
      expected: match.url,
      actual: iss,
      message: `The account has an IAM OIDC provider for ${shorten(iss)}.`,
      source,
    }),
  };
}

function builtInProvider(iss: string, builtIn: string): ResolvedProvider {
  return {
    found: true,
    provider: { url: iss, clientIds: [] },
    builtIn: true,
    providerKey: builtIn,
    principalId: builtIn,
    step: pass({
      check: "provider",
      expected: `https://${builtIn}`,
      actual: iss,
      message: `${builtIn} is a built-in identity provider: no IAM OIDC provider object is needed, and Principal.Federated names it as "${builtIn}".`,
      source: "CLOUDS.md 2.1 (CreateOpenIDConnectProvider: built-in IdPs)",
    }),
  };
}
