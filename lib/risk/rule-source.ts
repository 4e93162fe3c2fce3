import type { Finding } from "@/lib/catalog/findings";
import type { BindingContext, Cloud, NarrowingHints, TargetKind } from "@/lib/clouds/types";
import type { RiskRuleId } from "@/lib/risk/rule-ids";
import type { TrustMap } from "@/lib/trust-map/build-trust-map";
import type { TrustCatalogue } from "@/lib/trust-map/trust-map-types";

// What a source of findings sees and returns. The register runs every
// source over one snapshot of the catalogue; a source derived from the
// effective trust graph (lib/trust-map) plugs in as one more source without
// the register knowing how it decides.

export type RiskEntityType = "binding" | "target" | "issuer";
export type RiskEntity = { type: RiskEntityType; id: string; name: string; cloud: Cloud | null };

export type CatalogueBinding = {
  id: string;
  name: string;
  cloud: Cloud;
  context: BindingContext;
  hints: NarrowingHints;
};
export type CatalogueTarget = {
  id: string;
  name: string;
  cloud: Cloud;
  kind: TargetKind;
  config: unknown;
  /** Tenants (GitHub owners, HCP Terraform organisations) of the workloads bound to it. */
  boundOwners: string[];
};
export type CatalogueIssuer = {
  id: string;
  name: string;
  issuerUrl: string;
  /** What the key cache last recorded; null when keys were never fetched. */
  keys: { ok: boolean; lastError: string | null; checkedAt: Date; keyCount: number } | null;
};

export type RiskCatalogue = {
  bindings: CatalogueBinding[];
  targets: CatalogueTarget[];
  issuers: CatalogueIssuer[];
  /** The same rows as the effective trust graph reads them (lib/trust-map). */
  trust: TrustCatalogue;
  /**
   * The whole catalogue's trust map when one is already built (the map
   * cache); sources judge only `trust`'s bindings on it. Absent: built from `trust`.
   */
  trustMap?: TrustMap;
  /** When the findings are computed: the predicted tokens' issue time. */
  at: Date;
};

/** A finding's fix as a changed object; the register adds the edit link. */
export type RawFix = { summary: string; cloudObject: unknown; prefill: unknown };

export type RawFinding = {
  rule: RiskRuleId;
  entity: RiskEntity;
  /** The field (API path) the finding is about; "" for the whole entity. */
  path: string;
  message: string;
  fix: RawFix | null;
};

export type RiskRuleSource = {
  name: string;
  collect: (catalogue: RiskCatalogue) => RawFinding[] | Promise<RawFinding[]>;
};

/** Tagged findings of a check, errors included (a stored object can break rules saved later). */
export function ruledFindings(findings: { errors: Finding[]; warnings: Finding[] }) {
  return [...findings.errors, ...findings.warnings].filter(
    (finding): finding is Finding & { rule: RiskRuleId } => finding.rule !== undefined,
  );
}
