import type { z } from "zod";
import type { Finding, Findings } from "@/lib/catalog/findings";
import type { Admission, AdmissionInput } from "@/lib/federation/admission";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import type { EvaluateInput, Evaluation } from "@/lib/federation/types";

// What the catalogue needs from each cloud (the catalogue half of DESIGN's
// CloudProvider). Everything cloud-specific stays behind these functions.

export type Cloud = "azure" | "aws" | "gcp";
export type TargetKind = "azure-uami" | "azure-app" | "aws-role" | "gcp-provider";

export type TargetKindInfo<Config = unknown> = {
  cloud: Cloud;
  label: string;
  configSchema: z.ZodType<Config, unknown>;
  /** The cloud's own name for the target and the tenant/account/project it lives in. */
  identity: (config: Config) => { externalId: string; scope: string };
  /** Rules the cloud applies when the target's own settings are saved. */
  findings: (config: Config) => Findings;
  /**
   * The narrowest edit of the target's settings that clears a risk finding
   * (lib/risk), given the tenants (GitHub owners, HCP Terraform organisations)
   * of the workloads bound to it; null when none follows from the catalogue.
   */
  narrowingFix?: (
    config: Config,
    finding: Finding,
    bound: { owners: string[] },
  ) => { config: Config; summary: string } | null;
};

export type BindingContext<Spec = unknown> = {
  spec: Spec;
  target: { id: string; kind: TargetKind; name: string; config: unknown };
  workload: { id: string; name: string; subject: string; subjectSpec: unknown };
  issuer: { issuerUrl: string; kind: IssuerKind };
  /** The other bindings on the same target (for uniqueness, counts and whole-document limits). */
  siblings: { id: string; name: string; spec: unknown }[];
  /** The stored spec when editing. */
  previous?: Spec;
};

/** What the catalogue knows beyond one binding that a fix can narrow to. */
export type NarrowingHints = {
  /** Environment-pinned workloads of the binding's repository (same issuer), by name and subject. */
  environmentWorkloads?: { name: string; subject: string }[];
};

export type CloudCatalog<Spec = unknown> = {
  cloud: Cloud;
  label: string;
  bindingSpecSchema: z.ZodType<Spec, unknown>;
  /** Completes a parsed spec with what is derived from it (e.g. the statement a form builds); may report errors. */
  normalizeSpec?: (context: BindingContext<Spec>) => { spec: Spec; findings: Findings };
  /** Errors are what the cloud would refuse at save time; warnings what would fail at exchange or is risky. */
  bindingFindings: (context: BindingContext<Spec>) => Findings;
  /** The columns lookups use: the binding's name in the cloud, its issuer and its subject (or pattern, or member). */
  bindingLookup: (context: BindingContext<Spec>) => {
    name: string;
    issuerUrl: string;
    subject: string;
  };
  /**
   * The issuer every binding on a target trusts, when the target names it
   * (a GCP provider's issuer URI) rather than each binding's spec: the
   * lookup column follows it when the target is edited.
   */
  targetIssuerUrl?: (config: unknown) => string;
  /** The object as the cloud holds it, for display and copy. */
  cloudObject: (context: BindingContext<Spec>) => unknown;
  /** The narrowest spec edit that clears a risk finding (lib/risk); null when none follows from the catalogue. */
  narrowingFix?: (
    context: BindingContext<Spec>,
    finding: Finding,
    hints?: NarrowingHints,
  ) => { spec: Spec; summary: string } | null;
  /** The binding as the evaluator takes it (the /api/v1/evaluate shape). */
  evaluatorBinding: (context: BindingContext<Spec>) => unknown;
};

/** The evaluator half of DESIGN's CloudProvider: pure, synchronous. */
export type CloudEvaluator = {
  cloud: Cloud;
  /** The binding in the cloud's own terms, as POST /api/v1/evaluate accepts it. */
  bindingSchema: z.ZodType<unknown, unknown>;
  /** Evaluates a binding that passed `bindingSchema`. */
  evaluate: (input: EvaluateInput<unknown>) => Evaluation;
  /**
   * Checks a binding exactly as `bindingSchema` does, more cheaply for many
   * bindings that share parts (GCP: the provider); absent, the schema is used.
   */
  checkBinding?: (binding: unknown) => z.ZodSafeParseResult<unknown>;
  /** The same, for many tokens against one binding: the binding is read once. */
  prepare: (binding: unknown) => PreparedEvaluation;
  /** Which tokens the binding (in the evaluator's shape) can possibly accept. */
  admission: (input: AdmissionInput) => Admission;
  /**
   * Whether other bindings on the same target (their catalogue specs) can
   * refuse a token this one admits; absent, they cannot.
   */
  siblingsMayRefuse?: (siblingSpecs: unknown[]) => boolean;
};

export type PreparedEvaluation = (input: Omit<EvaluateInput<unknown>, "binding">) => Evaluation;
