import { decodeJwt } from "jose";
import { isRecord } from "@/lib/json/is-record";
import { matchesWildcard } from "@/lib/federation/wildcard";

// What a failed exchange's explanation may name: the token's issuer, subject
// and audience (claims Fedlens stores anyway, SECURITY.md 3.7; never the
// token) and the subjects the catalogue's binding expects. STS's AccessDenied
// never says which condition failed (CLOUDS.md 2.3 step 5), so setting the
// token's subject beside the catalogue's is the operator's best clue.

export type TokenClaims = { iss?: string; sub?: string; aud: string[] };

export type CatalogSubjects = { operator: "StringEquals" | "StringLike"; subjects: string[] };

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** The token's iss, sub and aud when it decodes; signature not checked (STS does that). */
export function tokenClaims(token: string): TokenClaims | undefined {
  try {
    const claims = decodeJwt(token);
    const aud = Array.isArray(claims.aud) ? claims.aud : claims.aud ? [claims.aud] : [];
    return { iss: text(claims.iss), sub: text(claims.sub), aud };
  } catch {
    return undefined;
  }
}

function statementOf(raw: unknown): Record<string, unknown> | undefined {
  if (isRecord(raw)) return raw;
  if (typeof raw !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function subjectCondition(statement: Record<string, unknown>): CatalogSubjects | undefined {
  const condition = statement.Condition;
  if (!isRecord(condition)) return undefined;
  for (const operator of ["StringEquals", "StringLike"] as const) {
    const block = condition[operator];
    if (!isRecord(block)) continue;
    // Condition key names are case-insensitive (IAM User Guide, "Condition").
    const key = Object.keys(block).find((name) => name.toLowerCase().endsWith(":sub"));
    const values = key === undefined ? undefined : block[key];
    const subjects = (Array.isArray(values) ? values : [values]).filter(
      (value): value is string => typeof value === "string",
    );
    if (subjects.length > 0) return { operator, subjects };
  }
  return undefined;
}

/** The subjects the catalogue's binding spec names (builder fields or raw statement), if any. */
export function catalogSubjects(spec: unknown): CatalogSubjects | undefined {
  if (!isRecord(spec)) return undefined;
  const builder = spec.builder;
  if (spec.mode === "builder" && isRecord(builder) && Array.isArray(builder.subjects)) {
    const subjects = builder.subjects.filter((s): s is string => typeof s === "string");
    const operator = builder.subjectOperator === "StringLike" ? "StringLike" : "StringEquals";
    return subjects.length > 0 ? { operator, subjects } : undefined;
  }
  const statement = statementOf(spec.statement);
  return statement ? subjectCondition(statement) : undefined;
}

/** Whether the catalogue's subject condition holds for `subject` (case-sensitive, as IAM's). */
export function catalogAccepts(catalog: CatalogSubjects, subject: string): boolean {
  return catalog.subjects.some((pattern) =>
    catalog.operator === "StringLike" ? matchesWildcard(pattern, subject) : pattern === subject,
  );
}
