import type { z } from "zod";
import {
  ZGcpEvaluatorBinding,
  ZGcpEvaluatorProvider,
  ZGcpServiceAccountIamPolicy,
} from "@/lib/clouds/gcp/evaluator-binding";
import { isSameJson, jsonCopy } from "@/lib/clouds/gcp/json-copy";
import { isRecord } from "@/lib/json/is-record";

// Checks a GCP evaluator binding as ZGcpEvaluatorBinding does, for the trust
// map's many bindings: the provider part (its mapping, audiences and CEL
// condition), which every binding on a provider carries, is checked once per
// distinct provider, and only the service account's policy per binding. A
// binding that fails either part is checked whole again, so what it is told
// (paths, messages) is exactly the whole schema's answer.

type ProviderCheck = z.ZodSafeParseResult<z.output<typeof ZGcpEvaluatorProvider>>;

// A provider's check is remembered by its resource name, with a copy of the
// provider it was made for: it answers again only for a provider equal to
// that copy, keys in the same order, so an edited or reordered provider is
// checked afresh. Bindings of one
// provider are prepared together, so a few thousand remembered providers
// cover an estate's repeats; when full, it starts afresh.
const maxRemembered = 5000;
const providerChecks = new Map<unknown, { provider: unknown; checked: ProviderCheck }>();
const policyKey = "serviceAccountIamPolicy";

function checkProvider(binding: Record<string, unknown>): ProviderCheck | undefined {
  const name = binding.poolProviderResource;
  const known = providerChecks.get(name);
  if (known && isSameJson(binding, known.provider, policyKey)) return known.checked;
  const copy = jsonCopy(binding, policyKey);
  if (copy === undefined) return undefined;
  const { [policyKey]: _policy, ...provider } = binding;
  const checked = ZGcpEvaluatorProvider.safeParse(provider);
  if (providerChecks.size >= maxRemembered) providerChecks.clear();
  providerChecks.set(name, { provider: copy, checked });
  return checked;
}

export function checkGcpEvaluatorBinding(
  binding: unknown,
): z.ZodSafeParseResult<z.output<typeof ZGcpEvaluatorBinding>> {
  if (!isRecord(binding)) return ZGcpEvaluatorBinding.safeParse(binding);
  const checked = checkProvider(binding);
  if (checked === undefined) return ZGcpEvaluatorBinding.safeParse(binding);
  const serviceAccountIamPolicy = binding.serviceAccountIamPolicy;
  const policy =
    serviceAccountIamPolicy === undefined
      ? undefined
      : ZGcpServiceAccountIamPolicy.safeParse(serviceAccountIamPolicy);
  if (!checked.success || policy?.success === false) return ZGcpEvaluatorBinding.safeParse(binding);
  return {
    success: true,
    data: { ...checked.data, ...(policy ? { serviceAccountIamPolicy: policy.data } : {}) },
  };
}
