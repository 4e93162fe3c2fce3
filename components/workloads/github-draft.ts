import type { GithubTrigger } from "@/lib/catalog/subjects/github";

// The GitHub subject form's draft, shared by its fields and the template
// fields without either importing the other.

export type GithubDraft = {
  owner: string;
  repo: string;
  trigger: GithubTrigger;
  name: string;
  useImmutable: boolean;
  ownerId: string;
  repoId: string;
  useTemplate: boolean;
  /** include_claim_keys as typed: comma-separated. */
  claimKeys: string;
  claimValues: Record<string, string>;
};
