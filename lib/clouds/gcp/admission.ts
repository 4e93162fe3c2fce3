import { parseMember } from "@/lib/clouds/gcp/principals";
import { isRecord } from "@/lib/json/is-record";
import type { Admission, AdmissionInput } from "@/lib/federation/admission";

// A service account grant to workload identities of a pool (CLOUDS.md 3.3,
// 3.7): `principal://…/subject/S` admits the identity whose mapped
// google.subject is S, which is the token's sub only under the usual
// mapping google.subject = assertion.sub. principalSet members admit every
// identity with an attribute, in a group, or the whole pool (CLOUDS.md 5.5).

export function gcpAdmission({ binding }: AdmissionInput): Admission {
  const record = isRecord(binding) ? binding : {};
  const allowed = Array.isArray(record.allowedAudiences) ? record.allowedAudiences : [];
  const provider =
    typeof record.poolProviderResource === "string" ? record.poolProviderResource : "";
  // With allowedAudiences empty, the provider's name (CLOUDS.md 3.2); the
  // https: form is what google-github-actions/auth requests.
  const audience =
    typeof allowed[0] === "string" ? allowed[0] : provider ? `https:${provider}` : null;
  const mapping = isRecord(record.attributeMapping) ? record.attributeMapping : {};
  const subjectFromSub =
    typeof mapping["google.subject"] === "string" &&
    mapping["google.subject"].trim() === "assertion.sub";
  const policy = isRecord(record.serviceAccountIamPolicy) ? record.serviceAccountIamPolicy : {};
  const members = (Array.isArray(policy.members) ? policy.members : []).filter(
    (member): member is string => typeof member === "string",
  );
  const subjects: string[] = [];
  const open: string[] = [];
  let bounded = true;
  for (const member of members) {
    const parsed = parseMember(member);
    if (parsed?.kind === "subject" && subjectFromSub) {
      subjects.push(parsed.value);
      continue;
    }
    bounded = false;
    if (!parsed) continue;
    const pool = `pool ${parsed.poolId}`;
    if (parsed.kind === "pool") open.push(`any identity in ${pool}`);
    else if (parsed.kind === "group") open.push(`any identity of group ${parsed.value} in ${pool}`);
    else if (parsed.kind === "attribute") {
      open.push(`any identity in ${pool} whose ${parsed.attribute} is ${parsed.value}`);
    }
  }
  if (bounded) return { subjects, subjectPrefixes: null, open: null, audience };
  return { subjects: null, subjectPrefixes: null, open: open.join("; ") || null, audience };
}
