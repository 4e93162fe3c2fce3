// The evaluation result shared by UI, API and CLI (DESIGN.md "Evaluation
// result"). Checks are listed in the order the cloud applies them; the first
// failing one is the cloud's verdict and carries `cloudError` in the cloud's
// own words. Near misses (case, trailing slash, pull_request vs branch…) go in
// `hint`.

export const checkNames = [
  "signature",
  "algorithm",
  "issuer",
  "provider",
  "audience",
  "subject",
  "expression",
  "condition",
  "attributeMapping",
  "attributeCondition",
  "principal",
  "expiry",
  "notBefore",
  "issuedAt",
  "lifetime",
  "claims",
  "target",
] as const;
export type CheckName = (typeof checkNames)[number];

export type Check = {
  check: CheckName;
  ok: boolean;
  expected?: unknown;
  actual?: unknown;
  message: string;
  hint?: string;
  /**
   * The document the rule comes from, as a CLOUDS.md citation; users get the
   * cloud's public page for it (lib/federation/sources.ts, resolved at the
   * edge by presentEvaluation).
   */
  source?: string;
  /**
   * The check passed only by assuming something the cloud does not document
   * (e.g. how a multi-valued aud is compared): said at the verdict, so an
   * "accepted" resting on it is never mistaken for a certain one.
   */
  unconfirmed?: string;
};

export type CloudError = { code: string; message: string };

/**
 * Codes starting "Fedlens" are Fedlens's own: it cannot tell what the cloud
 * would answer (the verdict depends on something it does not know, or the
 * binding cannot be evaluated). Such an evaluation is undecided, not a refusal.
 */
export function isUndecided(cloudError: CloudError | null): boolean {
  return cloudError?.code.startsWith("Fedlens") === true;
}

/** The code of a check whose rule the cloud does not document for this token. */
export const fedlensUndecided = "FedlensUndecided";

export type Evaluation = {
  accepted: boolean;
  checks: Check[];
  cloudError: CloudError | null;
  /** Accepted, but the trust admits far more than one workload (e.g. no `sub` condition on an AWS role). */
  broad?: { reason: string };
  /** Accepted, but only under these undocumented assumptions (the passing checks' `unconfirmed`). */
  caveats?: string[];
};

/** The JOSE header fields the evaluators look at. */
export type JoseHeader = { alg?: unknown; kid?: unknown; typ?: unknown; [name: string]: unknown };

/**
 * The token as the evaluators see it: decoded claims and header, and what the
 * signature check (done before, with the issuer's keys) concluded. "skipped"
 * means the caller gave claims rather than a token (what-if).
 */
export type TokenFacts = {
  header: JoseHeader;
  claims: Record<string, unknown>;
  signature: "valid" | "invalid" | "unverifiable" | "skipped";
  /** Why the signature is not valid, in the pipeline's words. */
  signatureReason?: string;
};

/** Parameters of the exchange request itself, when known. */
export type ExchangeRequest = {
  azure?: { clientId?: string };
  aws?: { roleArn?: string };
  gcp?: { stsAudience?: string; serviceAccount?: string };
};

export type EvaluateInput<Binding> = {
  token: TokenFacts;
  binding: Binding;
  request?: ExchangeRequest;
  at: Date;
};

/** Builds an Evaluation from checks in cloud order: the first failure decides. */
export function evaluationFrom(
  checks: Check[],
  errorFor: (failed: Check) => CloudError,
  broad?: { reason: string },
): Evaluation {
  const failed = checks.find((check) => !check.ok);
  const caveats = failed ? [] : caveatsOf(checks);
  // By assignment, in this key order: one evaluation per token judged.
  const evaluation: Evaluation = {
    accepted: !failed,
    checks,
    cloudError: failed ? answerFor(checks, errorFor) : null,
  };
  if (!failed && broad) evaluation.broad = broad;
  if (caveats.length > 0) evaluation.caveats = caveats;
  return evaluation;
}

/**
 * The first failure's error, except that an undocumented rule
 * (FedlensUndecided) yields to any later definite refusal: every check runs
 * on the same token, so the cloud refuses whatever it does at the open one.
 */
function answerFor(checks: Check[], errorFor: (failed: Check) => CloudError): CloudError | null {
  const errors = checks.filter((check) => !check.ok).map(errorFor);
  const first = errors[0] ?? null;
  if (first?.code !== fedlensUndecided) return first;
  return errors.find((error) => !isUndecided(error)) ?? first;
}

/** The distinct assumptions an accepted verdict rests on. */
export function caveatsOf(checks: Check[]): string[] {
  // Runs on every accepted evaluation of the trust map, where most checks
  // carry none: no intermediate arrays or set for the common case.
  const caveats: string[] = [];
  for (const check of checks) {
    const caveat = check.unconfirmed;
    if (caveat && !caveats.includes(caveat)) caveats.push(caveat);
  }
  return caveats;
}
