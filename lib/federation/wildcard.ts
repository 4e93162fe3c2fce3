// The wildcard language shared by Entra's flexible FIC `matches` (CLOUDS.md
// 1.6) and IAM's StringLike (CLOUDS.md 2.5): `*` is any run of characters,
// including none and including '/', `?` exactly one character; everything
// else, case included, must be equal. Entra does not document whether `*`
// crosses '/'; its refs/heads/* examples imply it does (CLOUDS.md 1.6, 6).

/**
 * One character of a pattern; `wild` only for a `*` or `?` meant as a
 * wildcard (IAM policy variables can make them literal).
 */
export type PatternUnit = { char: string; wild: boolean };

/** Every `*` and `?` of the text as a wildcard. */
export function patternUnits(pattern: string): PatternUnit[] {
  return Array.from(pattern, (char) => ({ char, wild: char === "*" || char === "?" }));
}

const isStar = (unit: PatternUnit | undefined) => unit?.wild === true && unit.char === "*";

const surrogate = /[\uD800-\uDFFF]/;

/** Iterative glob match over units: linear in practice, no regex, so no catastrophic backtracking. */
export function matchesUnits(pattern: PatternUnit[], value: string): boolean {
  // Characters are code points. Without a surrogate, the string's own
  // indexes are its code points, so the array of them (one per call, many
  // thousands of calls in the trust map) is made only for text beyond the BMP.
  const v: ArrayLike<string> = surrogate.test(value) ? Array.from(value) : value;
  let pi = 0;
  let vi = 0;
  let starAt = -1;
  let starMatchedTo = 0;
  while (vi < v.length) {
    const unit = pattern[pi];
    if (isStar(unit)) {
      starAt = pi;
      starMatchedTo = vi;
      pi += 1;
    } else if (unit !== undefined && ((unit.wild && unit.char === "?") || unit.char === v[vi])) {
      pi += 1;
      vi += 1;
    } else if (starAt >= 0) {
      // Let the last star swallow one more character and retry from there.
      pi = starAt + 1;
      starMatchedTo += 1;
      vi = starMatchedTo;
    } else {
      return false;
    }
  }
  while (isStar(pattern[pi])) pi += 1;
  return pi === pattern.length;
}

export function matchesWildcard(pattern: string, value: string): boolean {
  return matchesUnits(patternUnits(pattern), value);
}

export function hasWildcard(value: string): boolean {
  return value.includes("*") || value.includes("?");
}

function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * How a subject pattern is broad: any owner or tenant of the issuer, every
 * repository of one owner, every context of one repository, or every HCP
 * Terraform run phase. The risk register maps each to a rule.
 */
export type BroadPatternKind = "any-owner" | "owner-wide" | "any-context" | "run-phase";

/**
 * Why a subject pattern admits far more than one workload, or undefined.
 * The reason completes "This pattern …". Shapes from CLOUDS.md 4 (GitHub
 * `repo:OWNER/REPO:…`, GitLab `project_path:GROUP/PROJECT:…`, HCP Terraform
 * `…:run_phase:<plan|apply>`); the risks are CLOUDS.md 5.2, 5.6 and 5.10.
 */
export function broadSubjectPattern(
  pattern: string,
): { kind: BroadPatternKind; reason: string } | undefined {
  if (!hasWildcard(pattern)) return undefined;
  if (/^[*?]+$/.test(pattern)) {
    return { kind: "any-owner", reason: "matches every subject this issuer signs" };
  }
  if (pattern.startsWith("*")) {
    return {
      kind: "any-owner",
      reason:
        "starts with '*', so subjects of any repository, project or tenant of this issuer match",
    };
  }
  const scoped = /^(repo|project_path):([^:]*)(.*)$/.exec(pattern);
  if (scoped) {
    const [, kind = "", path = "", rest = ""] = scoped;
    const what = kind === "repo" ? "repository" : "project";
    const slash = path.indexOf("/");
    const owner = slash >= 0 ? path.slice(0, slash) : path;
    if (hasWildcard(owner)) {
      return {
        kind: "any-owner",
        reason: `puts a wildcard in the owner, so a ${what} of another owner can match`,
      };
    }
    if (hasWildcard(path)) {
      return {
        kind: "owner-wide",
        reason: `matches every ${what} of ${shorten(owner)} whose name fits, including ones created later`,
      };
    }
    if (rest === ":*") {
      return {
        kind: "any-context",
        reason: `matches every branch, tag, environment and pull-request run of the ${what}`,
      };
    }
  }
  if (/:run_phase:\*$/.test(pattern)) {
    return {
      kind: "run-phase",
      reason:
        "covers plan runs, which a pull request can start, with apply-time access; trust plan and apply separately",
    };
  }
  return undefined;
}

/** The reason alone, completing "This pattern …". */
export function broadSubjectPatternReason(pattern: string): string | undefined {
  return broadSubjectPattern(pattern)?.reason;
}
