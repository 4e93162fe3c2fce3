import { parseFicExpression } from "@/lib/clouds/azure/fic-expression";
import { isRecord } from "@/lib/json/is-record";
import type { Admission, AdmissionInput } from "@/lib/federation/admission";
import { describeSubjectPattern, literalPrefix } from "@/lib/federation/describe-pattern";

// An Entra federated identity credential (CLOUDS.md 1.3, 1.6): an exact
// subject, or a flexible expression whose terms are joined by `and`, so one
// `sub eq` term pins the subject and a `sub matches` term bounds it.

export function azureAdmission({ binding, issuerLabel }: AdmissionInput): Admission {
  const fic = isRecord(binding) ? binding : {};
  const audiences = Array.isArray(fic.audiences) ? fic.audiences : [];
  const audience = typeof audiences[0] === "string" ? audiences[0] : null;
  if (typeof fic.subject === "string") {
    return { subjects: [fic.subject], subjectPrefixes: null, open: null, audience };
  }
  const expression = isRecord(fic.claimsMatchingExpression)
    ? fic.claimsMatchingExpression.value
    : undefined;
  const parsed = typeof expression === "string" ? parseFicExpression(expression) : null;
  const terms = parsed?.ok ? parsed.terms : [];
  const subjectTerms = terms.filter((term) => term.claim === "sub");
  const exact = subjectTerms.find((term) => term.operator === "eq");
  if (exact) return { subjects: [exact.value], subjectPrefixes: null, open: null, audience };
  const pattern = subjectTerms[0];
  if (pattern) {
    return /[*?]/.test(pattern.value)
      ? {
          subjects: null,
          subjectPrefixes: [literalPrefix(pattern.value)],
          open: describeSubjectPattern(pattern.value, issuerLabel),
          audience,
        }
      : { subjects: [pattern.value], subjectPrefixes: null, open: null, audience };
  }
  const claims = [...new Set(terms.map((term) => term.claim))].join(", ");
  return {
    subjects: null,
    subjectPrefixes: null,
    open: `any identity of ${issuerLabel} whose ${claims || "claims"} match the expression`,
    audience,
  };
}
