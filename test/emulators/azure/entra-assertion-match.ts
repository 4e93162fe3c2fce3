import type { FicProperties } from "./fic-rules";

// How Entra picks the federated identity credential (FIC) a verified assertion
// matches, written from the documented rules and apart from lib/:
// - issuer, subject and audience compare exactly and case-sensitively; a
//   subject that matches only when case is ignored is refused with its own
//   code (AADSTS7002138) since the August 2024 breaking change
//   (https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#federated-identity-credentials-now-use-case-sensitive-matching);
// - no wildcards in a plain FIC: `*` is a literal character
//   (https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations);
// - a flexible FIC's claimsMatchingExpression replaces the subject
//   (https://learn.microsoft.com/en-us/entra/workload-id/workload-identities-flexible-federated-identity-credentials).
// Entra does not document the order of its checks (CLOUDS.md §1.3): the
// issuer comes first here (it decides whose keys may be fetched at all), then
// the subject, the pair that names a FIC uniquely, then that FIC's audience.

export type FicRefusal = { code: number; text: string };
export type FicMatch = { ok: true; fic: FicProperties } | ({ ok: false } & FicRefusal);

const guide =
  "Check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation";
const noRecord = (what: string, value: string) =>
  `No matching federated identity record found for presented assertion ${what} '${value}'.`;

/** AADSTS700211 when no FIC names the assertion's issuer (checked before any key is fetched). */
export function refuseIssuer(fics: FicProperties[], issuer: string): FicRefusal | undefined {
  if (fics.some((fic) => fic.issuer === issuer)) return undefined;
  return { code: 700211, text: `${noRecord("issuer", issuer)} Please ${guide}` };
}

const audiencesOf = (aud: unknown): string[] =>
  (Array.isArray(aud) ? aud : [aud]).filter((value): value is string => typeof value === "string");

/** The FIC a verified assertion's claims match, or Entra's refusal. */
export function matchFic(fics: FicProperties[], claims: Record<string, unknown>): FicMatch {
  const issuer = String(claims.iss);
  const refused = refuseIssuer(fics, issuer);
  if (refused) return { ok: false, ...refused };
  const sameIssuer = fics.filter((fic) => fic.issuer === issuer);
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  const bySubject = sameIssuer.filter((fic) =>
    fic.claimsMatchingExpression
      ? matchesExpression(fic.claimsMatchingExpression.value, claims)
      : fic.subject === subject,
  );
  if (bySubject.length === 0) {
    const lower = subject.toLowerCase();
    const caseOnly = sameIssuer.some((fic) => fic.subject?.toLowerCase() === lower);
    if (caseOnly)
      return {
        ok: false,
        code: 7002138,
        text: `${noRecord("subject", subject)} The subject matches a federated identity credential only when case is ignored, and matching is case-sensitive. ${guide}`,
      };
    return { ok: false, code: 700213, text: `${noRecord("subject", subject)} ${guide}` };
  }
  const audiences = audiencesOf(claims.aud);
  const fic = bySubject.find((candidate) =>
    candidate.audiences.some((audience) => audiences.includes(audience)),
  );
  if (fic) return { ok: true, fic };
  return {
    ok: false,
    code: 700212,
    text: `${noRecord("audience", audiences.join(", "))} Please ${guide}`,
  };
}

// The documented grammar (CLOUDS.md §1.6): terms `claims['<name>'] <op> '<value>'`
// joined by ` and `, single spaces, op `matches` (`*` any characters, `?`
// exactly one) or `eq`; a doubled single quote stands for one. Anything else
// (the ARM spec's unquoted example, `or`, regexes) is not evaluated: Entra's
// answer to a failed expression is undocumented, so it is refused like any
// subject that matches no FIC (AADSTS700213).
const TERM = /^claims\['([^']+)'\] (matches|eq) '((?:[^']|'')*)'/;

function wildcard(pattern: string): RegExp {
  const body = pattern
    .split("")
    .map((c) =>
      c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${body}$`);
}

export function matchesExpression(expression: string, claims: Record<string, unknown>): boolean {
  let rest = expression;
  for (;;) {
    const term = TERM.exec(rest);
    if (!term) return false;
    const [whole, name = "", op, quoted = ""] = term;
    const value = claims[name];
    const comparand = quoted.replaceAll("''", "'");
    if (typeof value !== "string") return false;
    if (op === "eq" ? value !== comparand : !wildcard(comparand).test(value)) return false;
    rest = rest.slice(whole.length);
    if (rest === "") return true;
    if (!rest.startsWith(" and ")) return false;
    rest = rest.slice(" and ".length);
  }
}
