import type { SignatureResult } from "@/lib/diagnose/check-signature";
import type { BindingResult } from "@/lib/diagnose/evaluate-catalogue";
import type { ClaimIssue } from "@/lib/tokens/claim-checks";
import type { TokenWarning } from "@/lib/tokens/decode";

// What the diagnose pipeline returns, in a file of types only so the client
// components that show it need not import the server-only pipeline.

export type IssuerRef = { id: string; name: string; issuerUrl: string };

export type Diagnosis = {
  tokenSha256: string;
  /** Decoded before any check; shown labelled as unverified. */
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  warnings: TokenWarning[];
  claimIssues: ClaimIssue[];
  issuer: { exact: IssuerRef | null; nearMisses: IssuerRef[] };
  signature: SignatureResult;
  results: BindingResult[];
  /** Catalogued issuers whose bindings were not evaluated: summarised, not hidden. */
  otherIssuers: IssuerRef[];
  evaluatedAt: string;
};
