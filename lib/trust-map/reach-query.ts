import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { buildSubject, type TSubjectSpec } from "@/lib/catalog/subjects/subject-spec";
import { AppError } from "@/lib/errors";
import type { TrustMap } from "@/lib/trust-map/build-trust-map";
import { judgePrediction, type Judgement } from "@/lib/trust-map/judge-prediction";
import { predictToken, type PredictedToken } from "@/lib/trust-map/predicted-token";
import { lookAlikeBindingsAdmitting } from "@/lib/trust-map/rebuild-part";
import { audienceFor, type PreparedBinding } from "@/lib/trust-map/prepared-binding";
import type { TReachAnswer, TReachQuery } from "@/lib/trust-map/reach-schemas";
import { byIds } from "@/lib/trust-map/reach-views";

// "Which bindings would accept this identity?": the described identity
// becomes a token (raw claims as given, or a subject spec through the same
// predictor as catalogued workloads) and the bindings of that issuer, or a
// look-alike of it, that may admit its subject judge it with the same
// prepared evaluators the graph uses. No rule is restated here.

/** A fresh token's lifetime, as the graph assumes (GitHub's five minutes, CLOUDS.md §4). */
const lifetimeSeconds = 300;

// The issuer kind a spec implies when the issuer is not catalogued: it only
// decides whether the workload can pick its audience (predicted-token.ts).
const kindOfSpec: Record<TSubjectSpec["kind"], IssuerKind> = {
  github: "github-actions",
  gitlab: "gitlab",
  kubernetes: "kubernetes-other",
  terraform: "terraform-cloud",
  free: "generic",
};

function describedToken(map: TrustMap, query: TReachQuery): PredictedToken {
  const iss = query.issuer;
  if (query.claims) {
    // Raw claims describe the whole token: what is not given is absent.
    return {
      iss,
      claims: { ...query.claims, iss },
      unknownClaims: [],
      partial: false,
      audience: "requestable",
    };
  }
  const spec = query.subjectSpec as TSubjectSpec;
  let subject: string;
  try {
    subject = buildSubject(spec);
  } catch (error) {
    throw new AppError("validation_failed", {
      message: "This subject spec does not make a subject.",
      invalidParams: [{ name: "subjectSpec", reason: (error as Error).message }],
    });
  }
  const catalogued = [...map.issuers.values()].find((issuer) => issuer.issuerUrl === iss);
  return predictToken(
    { subject, subjectSpec: spec },
    { issuerUrl: iss, kind: catalogued?.kind ?? kindOfSpec[spec.kind] },
  );
}

function judge(map: TrustMap, ready: PreparedBinding, token: PredictedToken): Judgement {
  const iat = Math.floor(map.at.getTime() / 1000);
  const audience = audienceFor(ready, token.iss);
  const claims = {
    ...(audience === null ? {} : { aud: audience }),
    iat,
    exp: iat + lifetimeSeconds,
    ...token.claims,
  };
  const judgement = judgePrediction(ready.judge, token, claims);
  if (judgement.verdict !== "accepted" || !ready.judgeWithSiblings) return judgement;
  return judgePrediction(ready.judgeWithSiblings, token, claims);
}

/** Every binding that accepts the described identity, or cannot be decided, across clouds. */
export function queryReach(map: TrustMap, query: TReachQuery): TReachAnswer {
  const token = describedToken(map, query);
  const bindings: TReachAnswer["bindings"] = [];
  // Found by subject, as a catalogued workload's token is: a binding that
  // cannot admit the subject refuses it for certain (the schema requires one).
  const subject = String(token.claims.sub);
  for (const ready of lookAlikeBindingsAdmitting(map, query.issuer, subject)) {
    if (ready.invalid) continue;
    const judgement = judge(map, ready, token);
    if (judgement.verdict === "refused") continue;
    const { binding } = ready;
    const target = map.targets.get(binding.targetId);
    bindings.push({
      cloud: binding.cloud,
      binding: { id: binding.id, name: binding.name },
      target: { id: binding.targetId, name: target?.name ?? "", kind: target?.kind ?? "" },
      workload: { id: binding.workloadId, name: map.workloads.get(binding.workloadId)?.name ?? "" },
      ...judgement,
      ...(token.audience === "unconfirmed" ? { audienceUnconfirmed: true } : {}),
      ...(token.partial ? { partialToken: true } : {}),
    });
  }
  bindings.sort(
    (a, b) =>
      Number(a.verdict !== "accepted") - Number(b.verdict !== "accepted") ||
      a.target.name.localeCompare(b.target.name) ||
      a.binding.name.localeCompare(b.binding.name) ||
      byIds(a, b),
  );
  return {
    issuer: query.issuer,
    subject: String(token.claims.sub),
    partialToken: token.partial,
    bindings,
  };
}
