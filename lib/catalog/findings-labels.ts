import type { Finding } from "@/lib/catalog/findings";
import { withoutCitations } from "@/lib/federation/sources";

// A finding's `path` is the field as the API names it (`spec.statement…`);
// people read the label of the form field instead. Longest known prefix wins,
// so `spec.statement.Condition…` reads as the statement it sits in.

const labels: [prefix: string, label: string][] = [
  ["spec.claimsMatchingExpression", "Claims-matching expression"],
  ["spec.builder.audiences", "Audiences (aud)"],
  ["spec.builder.subjects", "Subjects (sub)"],
  ["spec.builder.subjectOperator", "Subject operator"],
  ["spec.builder.conditions", "Conditions"],
  ["spec.builder", "The builder"],
  ["spec.statement", "Statement JSON"],
  ["spec.providerUrl", "IAM OIDC provider"],
  ["spec.sid", "Statement id (Sid)"],
  ["spec.issuer", "Issuer"],
  ["spec.subject", "Subject"],
  ["spec.audiences", "Audience"],
  ["spec.description", "Description"],
  ["spec.name", "Name"],
  ["spec.serviceAccountEmail", "Service account email"],
  ["spec.role", "Role"],
  ["spec.memberKind", "Grant it to"],
  ["spec.member", "Member"],
  ["spec.attributeName", "Attribute"],
  ["spec.attributeValue", "Value"],
  ["spec", "Binding"],
  ["config.attributeMapping", "Attribute mapping"],
  ["config.attributeCondition", "Attribute condition"],
  ["config.allowedAudiences", "Allowed audiences"],
  ["config.issuerUri", "Issuer URI"],
  ["config.displayName", "Display name"],
  ["config", "Target"],
  ["attributeMapping", "Attribute mapping"],
  ["attributeCondition", "Attribute condition"],
  ["allowedAudiences", "Allowed audiences"],
  ["issuerUri", "Issuer URI"],
];

function startsField(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** The form label for a finding's field, or null when the finding is about the whole object. */
export function fieldLabel(path: string): string | null {
  if (!path) return null;
  return labels.find(([prefix]) => startsField(path, prefix))?.[1] ?? null;
}

/**
 * A changed field in an audit diff, named by its form label; the part below
 * the labelled field stays, so `spec.statement.Condition` reads
 * "Statement JSON › Condition". Fields with no form label keep their name.
 */
export function diffFieldLabel(path: string): string {
  const match = labels.find(([prefix]) => startsField(path, prefix));
  if (!match) return path;
  const [prefix, label] = match;
  const rest = path.slice(prefix.length + 1);
  return rest ? `${label} › ${rest}` : label;
}

/** A finding in the words the page shows: its field's label and its message without internal citations. */
export function describeFinding(finding: Finding): { label: string | null; message: string } {
  return { label: fieldLabel(finding.path), message: withoutCitations(finding.message) };
}
