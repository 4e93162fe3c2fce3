import type { z } from "zod";
import { boundedMemo } from "@/lib/bounded-memo";
import {
  ZGcpEvaluatorBinding,
  ZGcpEvaluatorProvider,
  ZGcpServiceAccountIamPolicy,
} from "@/lib/clouds/gcp/evaluator-binding";
import { isRecord } from "@/lib/json/is-record";

// Checks a GCP evaluator binding as ZGcpEvaluatorBinding does, for the trust
// map's many bindings: the provider part (its mapping, audiences and CEL
// condition), which every binding on a provider carries, is checked once per
// distinct provider, and only the service account's policy per binding. A
// binding that fails either part is checked whole again, so what it is told
// (paths, messages) is exactly the whole schema's answer.

/**
 * The value as canonical JSON (keys sorted), or undefined when it holds
 * anything JSON cannot say exactly (undefined, NaN, a Date, a class
 * instance): JSON.stringify would turn those into text a valid value also
 * has, so such a value is never remembered, only checked.
 */
function canonicalKey(value: unknown): string | undefined {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const item = canonicalKey(value[index]);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return `[${items.join(",")}]`;
  }
  if (typeof value !== "object" || !isPlainObject(value)) return undefined;
  const entries: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = canonicalKey(value[key]);
    if (item === undefined) return undefined;
    entries.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${entries.join(",")}}`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

type ProviderCheck = z.ZodSafeParseResult<z.output<typeof ZGcpEvaluatorProvider>>;

// Bindings of one provider are prepared together, so a few thousand
// remembered providers cover an estate's repeats.
const providerChecks = boundedMemo<ProviderCheck>(5000);

export function checkGcpEvaluatorBinding(
  binding: unknown,
): z.ZodSafeParseResult<z.output<typeof ZGcpEvaluatorBinding>> {
  if (!isRecord(binding)) return ZGcpEvaluatorBinding.safeParse(binding);
  const { serviceAccountIamPolicy, ...provider } = binding;
  const key = canonicalKey(provider);
  if (key === undefined) return ZGcpEvaluatorBinding.safeParse(binding);
  const checked = providerChecks(key, () => ZGcpEvaluatorProvider.safeParse(provider));
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
