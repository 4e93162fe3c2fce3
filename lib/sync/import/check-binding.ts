import { mergeFindings, type Findings } from "@/lib/catalog/findings";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { BindingContext, Cloud } from "@/lib/clouds/types";
import { invalidParamsFrom } from "@/lib/http/invalid-params";

// The catalogue's own binding rules (spec schema, normalisation, the cloud's
// findings), applied to a proposal without a database: the same steps
// prepareBinding takes before a write, collected instead of thrown.

export type CheckedBinding = { spec: unknown; findings: Findings; context: BindingContext | null };

export function parseBindingSpec(cloud: Cloud, spec: unknown) {
  return cloudCatalog(cloud).bindingSpecSchema.safeParse(spec);
}

export function checkBinding(
  cloud: Cloud,
  context: Omit<BindingContext, "spec">,
  spec: unknown,
): CheckedBinding {
  const catalog = cloudCatalog(cloud);
  const parsed = catalog.bindingSpecSchema.safeParse(spec);
  if (!parsed.success) {
    return {
      spec,
      context: null,
      findings: {
        errors: invalidParamsFrom(parsed.error).map((param) => ({
          path: `spec.${param.name}`,
          message: `The value read from the cloud ${param.reason}.`,
        })),
        warnings: [],
      },
    };
  }
  let full: BindingContext = { ...context, spec: parsed.data };
  let normalized: Findings = { errors: [], warnings: [] };
  if (catalog.normalizeSpec) {
    const result = catalog.normalizeSpec(full);
    normalized = result.findings;
    full = { ...full, spec: result.spec };
  }
  if (normalized.errors.length > 0) return { spec: full.spec, context: full, findings: normalized };
  return {
    spec: full.spec,
    context: full,
    findings: mergeFindings(normalized, catalog.bindingFindings(full)),
  };
}
