import { z } from "zod";

// Kubernetes service-account token `sub` (CLOUDS.md §4 "Kubernetes
// service-account tokens"): `system:serviceaccount:<namespace>:<name>`.
// Namespaces are DNS-1123 labels and service-account names DNS-1123
// subdomains (Kubernetes "Object Names and IDs").

const dnsLabel = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?";

export const ZKubernetesSubjectSpec = z
  .object({
    kind: z.literal("kubernetes"),
    namespace: z
      .string()
      .max(63, "must be at most 63 characters")
      .regex(
        new RegExp(`^${dnsLabel}$`),
        "must be a namespace name: lower-case letters, digits and '-', starting and ending with a letter or digit",
      ),
    serviceAccount: z
      .string()
      .max(253, "must be at most 253 characters")
      .regex(
        new RegExp(`^${dnsLabel}(?:\\.${dnsLabel})*$`),
        "must be a service account name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
      ),
  })
  .strict();
export type TKubernetesSubjectSpec = z.infer<typeof ZKubernetesSubjectSpec>;

export function buildKubernetesSubject(spec: TKubernetesSubjectSpec): string {
  return `system:serviceaccount:${spec.namespace}:${spec.serviceAccount}`;
}
