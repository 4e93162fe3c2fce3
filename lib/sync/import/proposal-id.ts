import { createHash } from "node:crypto";

// Proposal ids are derived from what the cloud calls the object, so the same
// object keeps its id across reads of the review page and across re-runs.

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 24);
}

export function targetProposalId(externalId: string): string {
  return `t-${digest(externalId)}`;
}

export function bindingProposalId(externalId: string, key: string): string {
  return `b-${digest(`${externalId}\n${key}`)}`;
}
