import type { MappingRow } from "@/components/targets/gcp-attribute-mapping-editor";

// The GCP provider form's draft, shared by its fields and the issuer fields
// without either importing the other.

export type GcpProviderDraft = {
  projectNumber: string;
  poolId: string;
  providerId: string;
  displayName: string;
  issuerUri: string;
  /** One audience per line. */
  allowedAudiences: string;
  attributeMapping: MappingRow[];
  attributeCondition: string;
  disabled: boolean;
  poolDisabled: boolean;
  serviceAccountEmail: string;
};
