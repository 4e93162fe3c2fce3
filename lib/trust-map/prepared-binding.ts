import { bySiblingOrder } from "@/lib/catalog/bindings/sibling-order";
import { cloudCatalog, cloudEvaluator } from "@/lib/clouds/registry";
import type { BindingContext, Cloud, PreparedEvaluation } from "@/lib/clouds/types";
import { evaluateStoredBinding, parseEvaluatorBinding } from "@/lib/federation/evaluate-binding";
import type { Evaluation } from "@/lib/federation/types";
import type { Admission, OtherIssuer } from "@/lib/federation/admission";
import type { Judge } from "@/lib/trust-map/judge-prediction";
import type {
  MapBinding,
  MapIssuer,
  MapTarget,
  MapWorkload,
} from "@/lib/trust-map/trust-map-types";

// A binding made ready to judge many tokens: its cloud object built and
// checked once (evaluateStoredBinding would parse it on every call), what it
// can admit, and, when other bindings on its target can refuse what it
// admits (an AWS role's Deny), the target's whole trust as the cloud holds it.

export type PreparedBinding = {
  binding: MapBinding;
  admission: Admission;
  /**
   * The admission's other issuers, or null: read on every token judged,
   * so kept on this one shape rather than probed on each cloud's
   * admission object, where it is mostly absent.
   */
  others: OtherIssuer[] | null;
  /** This binding's own trust. */
  judge: Judge;
  /** The target's whole trust, when the siblings change the cloud object (an AWS role's Deny). */
  judgeWithSiblings: Judge | null;
  /** Set when the stored binding cannot be evaluated at all. */
  invalid: boolean;
};

export type PrepareInput = {
  binding: MapBinding;
  target: MapTarget;
  workload: MapWorkload;
  issuer: MapIssuer;
  /**
   * Every binding on the target, this one included, read only by a cloud
   * whose siblings can refuse (AWS); Azure and GCP never look. Plain data
   * rather than a callback: one closure per binding cost more than the rare
   * read.
   */
  onTarget: { ids: Iterable<string> | undefined; rows: ReadonlyMap<string, MapBinding> };
  at: Date;
};

// What judgeFor works out; only `judge` outlives prepareBinding, so a
// prepared binding keeps the evaluator's own form of the binding and not the
// versions it was built from (as built, as checked), which made garbage.
type Judged = {
  judge: Judge;
  invalid: boolean;
  /** The binding as checked, to compare with and without siblings. */
  checked: unknown;
  cloudBinding: unknown;
};

function validJudge(evaluate: PreparedEvaluation, at: Date): Judge {
  return (claims) => evaluate({ token: { header: {}, claims, signature: "skipped" }, at });
}

// The evaluator's own report of a binding it cannot read (FedlensBindingInvalid).
function invalidJudge(cloud: Cloud, cloudBinding: unknown, at: Date): Judge {
  return (claims): Evaluation =>
    evaluateStoredBinding(cloud, cloudBinding, {
      token: { header: {}, claims, signature: "skipped" },
      at,
    });
}

function judgeFor(binding: MapBinding, context: BindingContext, at: Date): Judged {
  let cloudBinding: unknown;
  try {
    cloudBinding = cloudCatalog(binding.cloud).evaluatorBinding(context);
  } catch {
    cloudBinding = null;
  }
  const parsed = parseEvaluatorBinding(binding.cloud, cloudBinding);
  if (!parsed.ok) {
    return {
      judge: invalidJudge(binding.cloud, cloudBinding, at),
      invalid: true,
      checked: null,
      cloudBinding,
    };
  }
  const evaluate = cloudEvaluator(binding.cloud).prepare(parsed.binding);
  return { judge: validJudge(evaluate, at), invalid: false, checked: parsed.binding, cloudBinding };
}

function siblingsOf(binding: MapBinding, onTarget: PrepareInput["onTarget"]): MapBinding[] {
  const found: MapBinding[] = [];
  for (const id of onTarget.ids ?? []) {
    const row = id === binding.id ? undefined : onTarget.rows.get(id);
    if (row) found.push(row);
  }
  return found;
}

/**
 * The audience a token of `issuerUrl` would be requested for to meet this
 * binding: the binding's own, or, for another issuer it may accept tokens
 * of (an AWS statement naming several providers), that issuer's.
 */
export function audienceFor(ready: PreparedBinding, issuerUrl: string | undefined): string | null {
  const { admission, others } = ready;
  if (!others || issuerUrl === ready.binding.issuerUrl) return admission.audience;
  const other = others.find((candidate) => candidate.issuerUrl === issuerUrl);
  return other ? other.audience : admission.audience;
}

export function prepareBinding(input: PrepareInput): PreparedBinding {
  const { binding, target, workload, issuer, onTarget, at } = input;
  const context: BindingContext = {
    spec: binding.spec,
    target: { id: target.id, kind: target.kind, name: target.name, config: target.config },
    workload: {
      id: workload.id,
      name: workload.name,
      subject: workload.subject,
      subjectSpec: workload.subjectSpec,
    },
    issuer: { issuerUrl: issuer.issuerUrl, kind: issuer.kind },
    siblings: [],
  };
  const alone = judgeFor(binding, context, at);
  let judgeWithSiblings: Judge | null = null;
  const mayRefuse = cloudEvaluator(binding.cloud).siblingsMayRefuse;
  const others = !alone.invalid && mayRefuse ? siblingsOf(binding, onTarget) : [];
  if (others.length > 0 && mayRefuse?.(others.map((sibling) => sibling.spec))) {
    const whole = judgeFor(
      binding,
      {
        ...context,
        // In the order a binding's page loads them, not the order rows
        // reached the map (an edited binding is re-added last): the
        // statement numbers a refusal cites must agree.
        siblings: others.sort(bySiblingOrder).map(({ id, name, spec }) => ({ id, name, spec })),
      },
      at,
    );
    if (JSON.stringify(whole.checked) !== JSON.stringify(alone.checked)) {
      judgeWithSiblings = whole.judge;
    }
  }
  const admission = cloudEvaluator(binding.cloud).admission({
    binding: alone.cloudBinding,
    issuerLabel: binding.issuerUrl,
  });
  return {
    binding,
    admission,
    others: admission.others ?? null,
    judge: alone.judge,
    judgeWithSiblings,
    invalid: alone.invalid,
  };
}
