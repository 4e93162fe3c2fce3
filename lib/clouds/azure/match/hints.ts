import { defaultAzureAudience } from "@/lib/clouds/azure/fic-limits";
import { githubSubjectHint } from "@/lib/federation/github-subject";

// Near misses between what a credential expects and what the token carries.
// Entra compares issuer, subject and audience exactly and case-sensitively
// (CLOUDS.md 1.3), so each of these is a refusal; the hint says why.

export function differsOnlyInCase(expected: string, actual: string): boolean {
  return expected !== actual && expected.toLowerCase() === actual.toLowerCase();
}

const caseHint =
  // CLOUDS.md 1.3
  "They differ only in letter case; Entra compares case-sensitively since the August 2024 change.";

function slashHint(expected: string, actual: string, what: string): string | undefined {
  if (expected === actual || expected.replace(/\/+$/, "") !== actual.replace(/\/+$/, "")) {
    return undefined;
  }
  return actual.length > expected.length
    ? `The token's ${what} ends with '/' and the credential's does not; Entra compares exactly, so the trailing slash counts.`
    : `The credential's ${what} ends with '/' and the token's does not; Entra compares exactly, so the trailing slash counts.`;
}

const aksIssuer = /^https:\/\/([a-z0-9-]+\.)?oic\.prod-aks\.azure\.com\//;
const githubIssuer = "https://token.actions.githubusercontent.com";

export function issuerHint(expected: string, actual: string): string | undefined {
  if (actual.trim() !== actual && actual.trim() === expected) {
    // CLOUDS.md 1.3
    return "The token's iss has leading or trailing whitespace, which blocks the exchange.";
  }
  const slash = slashHint(expected, actual, "issuer");
  if (slash) {
    // CLOUDS.md 1.3 and 4: AKS issuers end in '/', GitHub's does not.
    if (aksIssuer.test(actual) || aksIssuer.test(expected)) {
      return `${slash} AKS issuers end in '/': copy the cluster's oidcIssuerProfile.issuerUrl as it is.`;
    }
    if (expected.startsWith(githubIssuer) || actual.startsWith(githubIssuer)) {
      return `${slash} GitHub's issuer has no trailing slash.`;
    }
    return slash;
  }
  if (differsOnlyInCase(expected, actual)) return caseHint;
  if (expected.replace(/^http:/, "https:") === actual.replace(/^http:/, "https:")) {
    return "One uses http and the other https; Entra compares the issuer exactly.";
  }
  if (expected === githubIssuer && actual.startsWith(`${githubIssuer}/`)) {
    // CLOUDS.md 4
    return "The token comes from a GitHub enterprise with a unique issuer (…/<enterpriseSlug>); trust that issuer instead.";
  }
  if (actual === githubIssuer && expected.startsWith(`${githubIssuer}/`)) {
    return "The credential trusts a GitHub enterprise's unique issuer, but the token carries the shared issuer: the enterprise has not enabled its unique issuer.";
  }
  if (aksIssuer.test(expected) && aksIssuer.test(actual)) {
    // CLOUDS.md 4
    return "Both are AKS issuers, but of different clusters; a cluster's issuer also changes when it is rebuilt.";
  }
  return undefined;
}

export function audienceHint(expected: string, actual: string): string | undefined {
  const slash = slashHint(expected, actual, "audience");
  if (slash) return slash;
  if (differsOnlyInCase(expected, actual)) return caseHint;
  if (/^https:\/\/github\.com\/[^/]+$/.test(actual)) {
    return `The token carries GitHub's default audience (the owner's URL): the workflow requested its token without an audience. azure/login asks for ${defaultAzureAudience}; pass the credential's audience when requesting the token.`;
  }
  if (actual === "sts.amazonaws.com") {
    return "The token was requested for AWS (sts.amazonaws.com), not for Entra.";
  }
  if (/^(https:)?\/\/iam\.googleapis\.com\//.test(actual)) {
    return "The token was requested for a GCP workload identity provider, not for Entra.";
  }
  if (
    [expected, actual].every((value) => value.startsWith(defaultAzureAudience)) &&
    [expected, actual].includes(`${defaultAzureAudience}China`)
  ) {
    return "Azure China uses api://AzureADTokenExchangeChina; the credential and the token must name the same cloud's audience.";
  }
  return undefined;
}

const serviceAccount = /^system:serviceaccount:([^:]+):([^:]+)$/;

function kubernetesHint(expected: string, actual: string): string | undefined {
  const trusted = serviceAccount.exec(expected);
  const token = serviceAccount.exec(actual);
  if (!trusted || !token) return undefined;
  const [, trustedNamespace, trustedName] = trusted;
  const [, namespace, name] = token;
  if (namespace !== trustedNamespace) {
    return `The pod runs in the namespace '${namespace}'; this credential trusts service accounts of '${trustedNamespace}' (sub is system:serviceaccount:<namespace>:<name>).`;
  }
  if (name !== trustedName) {
    return `The pod uses the service account '${name}'; this credential trusts '${trustedName}'.`;
  }
  return undefined;
}

export function subjectHint(expected: string, actual: string): string | undefined {
  if (differsOnlyInCase(expected, actual)) {
    const github = actual.startsWith("repo:")
      ? " GitHub keeps the owner's, repository's and environment's casing as they are on GitHub; copy the subject from a real token."
      : "";
    return `${caseHint}${github}`;
  }
  if (actual.trim() === expected) {
    return "The token's sub has leading or trailing whitespace.";
  }
  return githubSubjectHint(expected, actual) ?? kubernetesHint(expected, actual);
}
