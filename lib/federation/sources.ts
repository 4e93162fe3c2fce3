// The public documents behind the evaluators' rules. Rules cite CLOUDS.md
// sections in code (a `source` such as "CLOUDS.md 3.5 (STS v1 token
// reference)", or a parenthesis in a message); users get the cloud's own page
// instead, taken from the links CLOUDS.md gives in that section. One table, so
// a new rule citing a known section needs no change here.

export type PublicSource = { title: string; url: string };

const entra = (title: string, path: string): PublicSource => ({
  title: `Microsoft Entra: ${title}`,
  url: `https://learn.microsoft.com/en-us/entra/${path}`,
});
const aws = (title: string, path: string): PublicSource => ({
  title: `AWS: ${title}`,
  url: `https://docs.aws.amazon.com/${path}`,
});
const google = (title: string, path: string): PublicSource => ({
  title: `Google Cloud: ${title}`,
  url: `https://cloud.google.com/iam/docs/${path}`,
});

const entraConsiderations = entra(
  "Important considerations and restrictions for federated identity credentials",
  "workload-id/workload-identity-federation-considerations",
);
const stsCall = aws(
  "AssumeRoleWithWebIdentity",
  "STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html",
);
const evaluationLogic = aws(
  "Policy evaluation logic",
  "IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
);
const providerResource = google(
  "REST resource projects.locations.workloadIdentityPools.providers",
  "reference/rest/v1/projects.locations.workloadIdentityPools.providers",
);
const stsToken = google(
  "Security Token Service method token",
  "reference/sts/rest/v1/TopLevel/token",
);
const gcpTroubleshooting = google(
  "Troubleshoot workload identity federation",
  "troubleshooting-workload-identity-federation",
);

/** CLOUDS.md section (or "section step n") → the page its rule comes from. */
const sections: Record<string, PublicSource> = {
  "1.1": {
    title: "Microsoft Graph: federatedIdentityCredential resource type",
    url: "https://learn.microsoft.com/en-us/graph/api/resources/federatedidentitycredential",
  },
  "1.2": entra(
    "OAuth 2.0 client credentials flow",
    "identity-platform/v2-oauth2-client-creds-grant-flow",
  ),
  "1.3": entraConsiderations,
  "1.4": entraConsiderations,
  "1.5": entraConsiderations,
  "1.6": entra(
    "Flexible federated identity credentials",
    "workload-id/workload-identities-flexible-federated-identity-credentials",
  ),
  "1.7": entraConsiderations,
  "1.8": entra(
    "Authentication and authorization error codes",
    "identity-platform/reference-error-codes",
  ),
  "2.1": aws(
    "CreateOpenIDConnectProvider",
    "IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html",
  ),
  "2.2": stsCall,
  "2.3": stsCall,
  "2.3 step 1": {
    title: "AWS re:Post: Resolve errors with an IAM OIDC identity provider",
    url: "https://repost.aws/knowledge-center/iam-oidc-idp-federation",
  },
  "2.3 step 2": {
    title: "AWS re:Post: Resolve InvalidIdentityToken errors",
    url: "https://repost.aws/knowledge-center/iam-sts-invalididentitytoken",
  },
  "2.3 step 5": evaluationLogic,
  "2.4": aws(
    "IAM and AWS STS condition context keys (web identity federation)",
    "IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif",
  ),
  "2.5": aws(
    "IAM JSON policy elements: Condition operators",
    "IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
  ),
  "2.6": evaluationLogic,
  "2.7": stsCall,
  "2.8": stsCall,
  "3.1": providerResource,
  "3.2": providerResource,
  "3.3": providerResource,
  "3.4": providerResource,
  "3.5": stsToken,
  "3.6": stsToken,
  "3.7": google("Principal identifiers", "principal-identifiers"),
  "3.8": gcpTroubleshooting,
};

/** The first section a citation names: "CLOUDS.md 2.3 step 4, 2.8 (…)" → "2.3 step 4". */
function firstSection(citation: string): string | null {
  const match = /CLOUDS\.md\s+§?\s*(\d+(?:\.\d+)?(?: step \d+)?)/.exec(citation);
  return match?.[1] ?? null;
}

/** The public page for a rule's citation; null when the section has no page of its own. */
export function publicSource(citation: string): PublicSource | null {
  const section = firstSection(citation);
  if (!section) return null;
  return sections[section] ?? sections[section.replace(/ step \d+$/, "")] ?? null;
}

// A citation inside a parenthesis part: "CLOUDS.md 2.5, 5.4" or "CLOUDS.md §4".
const citationAtStart = /^\s*CLOUDS\.md\b/;
const citationInPart = /,?\s*CLOUDS\.md\b.*$/;

function withoutCitedParts(inner: string): string {
  return inner
    .split(";")
    .filter((part) => !citationAtStart.test(part))
    .map((part) => part.replace(citationInPart, ""))
    .map((part) => part.trim())
    .filter(Boolean)
    .join("; ");
}

/**
 * Text for users: drops the internal CLOUDS.md citations evaluator and
 * catalogue messages carry for developers (the check's source link is the
 * user's reference). A citation in running text becomes "the documentation".
 */
export function withoutCitations(text: string): string {
  if (!text.includes("CLOUDS.md")) return text;
  return text
    .replace(/\s*\(([^()]*CLOUDS\.md[^()]*)\)/g, (_whole, inner: string) => {
      const kept = withoutCitedParts(inner);
      return kept ? ` (${kept})` : "";
    })
    .replace(/CLOUDS\.md\s+§?\s*[\d.]+(?:,\s*[\d.]+)*/g, "the documentation")
    .replace(/CLOUDS\.md/g, "the documentation");
}
