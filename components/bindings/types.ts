import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import type { Cloud, TargetKind } from "@/lib/clouds/types";

/**
 * What a binding form needs to know about the two sides it joins, narrowed
 * from the DTOs (CONVENTIONS 10). `siblings` are the target's other bindings:
 * the live checks need them for per-target limits, as the server does.
 */
export type BindingParties = {
  workload: {
    id: string;
    name: string;
    subject: string;
    subjectSpec: Record<string, unknown>;
    issuer: { id: string; name: string; issuerUrl: string; kind: IssuerKind };
  };
  target: {
    id: string;
    name: string;
    kind: TargetKind;
    cloud: Cloud;
    config: Record<string, unknown>;
  };
  siblings: { id: string; name: string; spec: unknown }[];
};

/** Server field errors keyed by path (`spec.name`, `spec.builder.subjects.0`). */
export type FieldErrors = Record<string, string>;
