import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { buildSubject, ZSubjectSpec, type TSubjectSpec } from "@/lib/catalog/subjects/subject-spec";
import {
  githubClaims,
  gitlabClaims,
  kubernetesClaims,
  terraformClaims,
  type KnownClaims,
} from "@/lib/trust-map/predicted-claims";

// A workload's predicted token (DESIGN.md "Effective trust"): the claims its
// issuer would put in a token for it, per the formats in CLOUDS.md §4. What
// the subject spec does not tell is left out and listed as unknown, never
// guessed, so a verdict resting on it can be called undecided.

/** A claim's place in the token: ["kubernetes.io", "serviceaccount", "uid"]. */
import type { ClaimPath } from "@/lib/trust-map/claim-path";

export type { ClaimPath };

export type PredictedToken = {
  iss: string;
  /** Every claim whose value is known, `aud` and the times excepted. */
  claims: Record<string, unknown>;
  /** Claims the issuer emits whose value Fedlens cannot know for this workload. */
  unknownClaims: readonly ClaimPath[];
  /**
   * Only `sub` (and the audience) is known: the issuer's other claims are
   * not documented, so any claim not in `claims` may still be in the token.
   */
  partial: boolean;
  /** Whether the workload can ask for whichever `aud` a binding expects. */
  audience: "requestable" | "unconfirmed";
};

export type PredictableWorkload = { subject: string; subjectSpec: unknown };
export type PredictableIssuer = { issuerUrl: string; kind: IssuerKind };

// Issuers whose workloads choose the audience of each token (CLOUDS.md §4):
// GitHub (the actions set it), GitLab (`id_tokens:` sets it, no default),
// Kubernetes projected tokens and `kubectl create token --audience`, HCP
// Terraform (TFC_*_WORKLOAD_IDENTITY_AUDIENCE), CircleCI ("it can be
// customized") and SPIRE ("whatever the workload requests"). Azure DevOps,
// Keycloak and other issuers are left unconfirmed: §4 documents no way for
// the workload to pick it (Keycloak's comes from the client's configuration).
const requestableAudience: ReadonlySet<IssuerKind> = new Set<IssuerKind>([
  "github-actions",
  "gitlab",
  "kubernetes-aks",
  "kubernetes-eks",
  "kubernetes-gke",
  "kubernetes-other",
  "terraform-cloud",
  "circleci",
  "spire",
]);

function knownClaimsOf(spec: TSubjectSpec): KnownClaims | null {
  switch (spec.kind) {
    case "github":
      return githubClaims(spec);
    case "gitlab":
      return gitlabClaims(spec);
    case "kubernetes":
      return kubernetesClaims(spec);
    case "terraform":
      return terraformClaims(spec);
    case "free":
      return null;
  }
}

/** The spec's own `sub`, or null when the spec no longer builds the stored subject. */
function builtSubject(spec: TSubjectSpec): string | null {
  try {
    return buildSubject(spec);
  } catch {
    return null;
  }
}

/**
 * The token the workload's issuer would sign for it, without `aud` (each
 * binding asks for its own) and without times. A spec that does not build
 * the stored subject (edited by hand, or of another issuer's format) is
 * treated as free-form: only `sub` is trusted then.
 */
export function predictToken(
  workload: PredictableWorkload,
  issuer: PredictableIssuer,
): PredictedToken {
  const audience = requestableAudience.has(issuer.kind) ? "requestable" : "unconfirmed";
  const base = { iss: issuer.issuerUrl, sub: workload.subject };
  const parsed = ZSubjectSpec.safeParse(workload.subjectSpec);
  const known =
    parsed.success && builtSubject(parsed.data) === workload.subject
      ? knownClaimsOf(parsed.data)
      : null;
  if (!known)
    return { iss: issuer.issuerUrl, claims: base, unknownClaims: [], partial: true, audience };
  return {
    iss: issuer.issuerUrl,
    claims: { ...known.claims, ...base },
    unknownClaims: known.unknown,
    partial: false,
    audience,
  };
}
