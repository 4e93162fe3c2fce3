import type { Finding } from "@/lib/catalog/findings";
import type { BindingContext, CloudCatalog } from "@/lib/clouds/types";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import type { BindingParties } from "@/components/bindings/types";

export type DraftCheck<Spec> = {
  errors: Finding[];
  warnings: Finding[];
  /** The spec as the server would store it (statement built, member derived), when it parses. */
  spec: Spec | null;
  /** The object as the cloud would hold it, when the spec parses. */
  cloudObject: unknown;
};

/**
 * Runs a draft through the same pure steps as the server's prepareBinding:
 * the cloud's schema, its normalisation and its rules. The server stays the
 * judge; this only lets the form answer while the operator types.
 */
export function checkDraft<Spec>(
  catalog: CloudCatalog<Spec>,
  draft: unknown,
  parties: BindingParties,
  previous?: unknown,
): DraftCheck<Spec> {
  const failed = (errors: Finding[]): DraftCheck<Spec> => ({
    errors,
    warnings: [],
    spec: null,
    cloudObject: null,
  });
  const parsed = catalog.bindingSpecSchema.safeParse(draft);
  if (!parsed.success) {
    return failed(
      invalidParamsFrom(parsed.error).map((param) => ({
        path: param.name === "(body)" ? "spec" : `spec.${param.name}`,
        message: param.reason,
      })),
    );
  }
  const { workload, target, siblings } = parties;
  let context: BindingContext<Spec> = {
    spec: parsed.data,
    target: { id: target.id, kind: target.kind, name: target.name, config: target.config },
    workload: {
      id: workload.id,
      name: workload.name,
      subject: workload.subject,
      subjectSpec: workload.subjectSpec,
    },
    issuer: { issuerUrl: workload.issuer.issuerUrl, kind: workload.issuer.kind },
    siblings,
    previous: previous as Spec | undefined,
  };
  try {
    if (catalog.normalizeSpec) {
      const normalized = catalog.normalizeSpec(context);
      if (normalized.findings.errors.length) return failed(normalized.findings.errors);
      context = { ...context, spec: normalized.spec };
    }
    const findings = catalog.bindingFindings(context);
    return { ...findings, spec: context.spec, cloudObject: catalog.cloudObject(context) };
  } catch {
    // A half-typed raw statement can trip a rule that expects a shape; the server reports it on save.
    return failed([
      { path: "spec", message: "Fedlens cannot preview this yet; save to check it." },
    ]);
  }
}
