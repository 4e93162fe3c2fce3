import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import type { Cloud, TargetKind } from "@/lib/clouds/types";
import type { Judgement } from "@/lib/trust-map/judge-prediction";

// The catalogue as the trust map reads it, and the graph it makes
// (DESIGN.md "Effective trust").

export type MapIssuer = { id: string; name: string; issuerUrl: string; kind: IssuerKind };
export type MapWorkload = {
  id: string;
  name: string;
  issuerId: string;
  subject: string;
  subjectSpec: unknown;
};
export type MapTarget = { id: string; name: string; kind: TargetKind; config: unknown };
export type MapBinding = {
  id: string;
  name: string;
  cloud: Cloud;
  workloadId: string;
  targetId: string;
  /** The issuer the binding trusts, as stored (it may differ from its workload's). */
  issuerUrl: string;
  spec: unknown;
};

export type TrustCatalogue = {
  issuers: MapIssuer[];
  workloads: MapWorkload[];
  targets: MapTarget[];
  bindings: MapBinding[];
};

/**
 * A workload–binding pair worth drawing: "effective" (the binding accepts
 * the workload's predicted token), "broken" (declared for the workload but
 * refused) or "undecided" (the answer rests on something Fedlens cannot
 * know). Refusals of workloads the binding was not made for are no edge.
 */
export type TrustEdge = Judgement & {
  kind: "effective" | "broken" | "undecided";
  bindingId: string;
  workloadId: string;
  targetId: string;
  cloud: Cloud;
  /** The binding was made for this workload. */
  declared: boolean;
  /** The token would have to carry an audience this issuer is not known to let workloads choose. */
  audienceUnconfirmed?: boolean;
  /** Only sub and aud of this workload's tokens are known. */
  partialToken?: boolean;
};

/** A binding that admits identities beyond the catalogue, and which. */
export type OpenEdge = {
  bindingId: string;
  targetId: string;
  cloud: Cloud;
  issuerUrl: string;
  /** Other issuers whose tokens it admits beyond the catalogue (an AWS statement naming several providers). */
  otherIssuerUrls?: string[];
  admits: string;
};

/** What changed in the catalogue: new or edited rows, and ids removed. */
export type CatalogueChange = {
  upsert?: Partial<TrustCatalogue>;
  remove?: { issuers?: string[]; workloads?: string[]; targets?: string[]; bindings?: string[] };
};
