import { cloudCatalog, cloudEvaluator } from "@/lib/clouds/registry";
import type { BindingContext } from "@/lib/clouds/types";
import { evaluateStoredBinding, parseEvaluatorBinding } from "@/lib/federation/evaluate-binding";
import type { Evaluation } from "@/lib/federation/types";
import { admissionOf, siblingsMayRefuse, type Admission } from "@/lib/trust-map/admission";
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
  siblings: MapBinding[];
  at: Date;
};

type Judged = { judge: Judge; invalid: boolean; shape: () => string; cloudBinding: unknown };

function judgeFor(binding: MapBinding, context: BindingContext, at: Date): Judged {
  let cloudBinding: unknown;
  try {
    cloudBinding = cloudCatalog(binding.cloud).evaluatorBinding(context);
  } catch {
    cloudBinding = null;
  }
  const parsed = parseEvaluatorBinding(binding.cloud, cloudBinding);
  if (!parsed.ok) {
    // The evaluator's own report of a binding it cannot read (FedlensBindingInvalid).
    const judge = (claims: Record<string, unknown>): Evaluation =>
      evaluateStoredBinding(binding.cloud, cloudBinding, {
        token: { header: {}, claims, signature: "skipped" },
        at,
      });
    return { judge, invalid: true, shape: () => "", cloudBinding };
  }
  const evaluate = cloudEvaluator(binding.cloud).prepare(parsed.binding);
  const judge = (claims: Record<string, unknown>) =>
    evaluate({ token: { header: {}, claims, signature: "skipped" }, at });
  return { judge, invalid: false, shape: () => JSON.stringify(parsed.binding), cloudBinding };
}

export function prepareBinding(input: PrepareInput): PreparedBinding {
  const { binding, target, workload, issuer, siblings, at } = input;
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
  if (
    !alone.invalid &&
    siblingsMayRefuse(
      binding.cloud,
      siblings.map((sibling) => sibling.spec),
    )
  ) {
    const whole = judgeFor(
      binding,
      { ...context, siblings: siblings.map(({ id, name, spec }) => ({ id, name, spec })) },
      at,
    );
    if (whole.shape() !== alone.shape()) judgeWithSiblings = whole.judge;
  }
  return {
    binding,
    admission: admissionOf(binding.cloud, {
      binding: alone.cloudBinding,
      issuerLabel: binding.issuerUrl,
    }),
    judge: alone.judge,
    judgeWithSiblings,
    invalid: alone.invalid,
  };
}
