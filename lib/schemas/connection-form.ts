import { z } from "zod";
import { ZUuid } from "@/lib/schemas/common";
import {
  ZConnectionCreateInput,
  ZConnectionSecretInput,
  ZConnectionUpdateInput,
} from "@/lib/schemas/connection";
import { endpointFields } from "@/lib/schemas/connection-endpoints";

// The connection forms post flat fields named by the API's paths
// (`scope.tenantId`, `auth.clientSecret`, `endpoints.azureGraph`), so a
// field error from the API's schema or use-case lands under its control.
// These turn them into the API's bodies; lists are typed one per line.

type Cloud = "azure" | "aws" | "gcp";
type Values = Record<string, string>;

const listFields = new Set(["subscriptionIds", "resourceGroups", "applicationObjectIds"]);

const blankToUndefined = (value: string | undefined) =>
  value === undefined || value.trim() === "" ? undefined : value;

function toList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Every `prefix.x` field as `{ x }`, blanks dropped. */
function group(values: Values, prefix: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const field = key.slice(prefix.length + 1);
    result[field] = listFields.has(field) ? toList(value) : blankToUndefined(value);
  }
  return result;
}

function endpointsOf(values: Values, cloud: Cloud | undefined) {
  const endpoints = group(values, "endpoints");
  // Only the overrides of the chosen cloud: the form hides the others.
  const allowed: readonly string[] = cloud ? endpointFields[cloud] : [];
  return Object.fromEntries(Object.entries(endpoints).filter(([key]) => allowed.includes(key)));
}

function authOf(values: Values) {
  return { kind: values["auth.kind"], ...group(values, "auth") };
}

const ZFormValues = z.record(z.string(), z.string());

export const ZConnectionCreateForm = ZFormValues.transform((values): unknown => {
  const cloud = values.cloud as Cloud | undefined;
  return {
    name: values.name,
    cloud,
    scope: group(values, "scope"),
    auth: authOf(values),
    endpoints: endpointsOf(values, cloud),
    caBundle: values.caBundle ?? null,
  };
}).pipe(ZConnectionCreateInput);

const ZVersion = z.coerce.number({ message: "is missing; reload the page" }).int().min(1);

/** The edit form also names the cloud (to pick the endpoint fields); the API body does not. */
export const ZConnectionUpdateForm = ZFormValues.transform((values): unknown => ({
  id: values.id,
  version: values.version,
  name: values.name,
  scope: group(values, "scope"),
  auth: authOf(values),
  endpoints: endpointsOf(values, values.cloud as Cloud | undefined),
  caBundle: values.caBundle ?? null,
})).pipe(ZConnectionUpdateInput.extend({ id: ZUuid, version: ZVersion }));

export const ZConnectionSecretForm = ZFormValues.transform((values): unknown => ({
  id: values.id,
  ...Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => key !== "id")
      .map(([key, value]) => [key, blankToUndefined(value)]),
  ),
})).pipe(ZConnectionSecretInput.extend({ id: ZUuid }));
