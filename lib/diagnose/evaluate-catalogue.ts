import type { Cloud, TargetKind } from "@/lib/clouds/types";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { LoadedBinding } from "@/lib/diagnose/load-catalogue-bindings";
import { evaluateStoredBinding } from "@/lib/federation/evaluate-binding";
import { presentEvaluation, type PublicEvaluation } from "@/lib/federation/public-evaluation";
import type { TokenFacts } from "@/lib/federation/types";

export type BindingResult = {
  bindingId: string;
  bindingName: string;
  cloud: Cloud;
  /** "exact": the binding trusts the token's iss; "near": it trusts a look-alike. */
  issuerMatch: "exact" | "near";
  issuerUrl: string;
  workload: { id: string; name: string };
  target: { id: string; name: string; kind: TargetKind };
  evaluation: PublicEvaluation;
};

/** Evaluates loaded bindings with each cloud's rules; pure, so it runs once the signature verdict is in. */
export function evaluateCatalogue(
  bindings: LoadedBinding[],
  { iss, token, at }: { iss: string; token: TokenFacts; at: Date },
): BindingResult[] {
  return bindings.map(({ id, name, cloud, issuerUrl, context }) => ({
    bindingId: id,
    bindingName: name,
    cloud,
    issuerMatch: issuerUrl === iss ? "exact" : "near",
    issuerUrl,
    workload: { id: context.workload.id, name: context.workload.name },
    target: { id: context.target.id, name: context.target.name, kind: context.target.kind },
    evaluation: presentEvaluation(
      evaluateStoredBinding(cloud, cloudCatalog(cloud).evaluatorBinding(context), { token, at }),
    ),
  }));
}
