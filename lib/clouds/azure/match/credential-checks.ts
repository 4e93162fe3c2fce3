import { boundedMemo } from "@/lib/bounded-memo";
import {
  audienceMismatchError,
  entraIssuedError,
  issuerMismatchError,
  subjectCaseMismatchError,
  subjectMismatchError,
} from "@/lib/clouds/azure/cloud-errors";
import type { AzureFederatedCredential, AzureFicHome } from "@/lib/clouds/azure/evaluator-binding";
import { expressionCheck } from "@/lib/clouds/azure/match/expression";
import {
  audienceHint,
  differsOnlyInCase,
  issuerHint,
  subjectHint,
} from "@/lib/clouds/azure/match/hints";
import { failed, passed, withHint, type RuledCheck } from "@/lib/clouds/azure/match/ruled-check";
import type { Check } from "@/lib/federation/types";
import { hasWildcard, matchesWildcard } from "@/lib/federation/wildcard";

// One credential against the token's iss, aud and sub, in the order of
// Entra's split codes: issuer (700211), audience (700212), subject (700213,
// 7002138 for a case-only difference) (CLOUDS.md 1.3, 1.8). Entra does not
// state its order [inferred]; issue 4 fixes this one.

const entraHosts = [
  "login.microsoftonline.com",
  "login.windows.net",
  "login.microsoft.com",
  "sts.windows.net",
];
// CLOUDS.md 1.4 and 4 (ADO troubleshooting): new Azure DevOps service
// connections present tokens with this Entra issuer and a subject ending in
// /sc/<org id>/<service connection id>, by design, and Entra accepts them.
// Both must hold: the issuer alone is every ordinary Entra v2 token's.
const guid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const adoIssuer = new RegExp(`^https://login\\.microsoftonline\\.com/${guid}/v2\\.0$`, "i");
const adoSubject = new RegExp(`/sc/${guid}/${guid}$`, "i");

// Every evaluation asks this of its token's iss, and a catalogue has few issuers.
const entraHosted = boundedMemo<boolean>(500);

function isEntraHost(iss: string): boolean {
  let host: string;
  try {
    host = new URL(iss).hostname.toLowerCase();
  } catch {
    return false;
  }
  return entraHosts.some((entra) => host === entra || host.endsWith(`.${entra}`));
}

/** "refused" for an Entra-issued token (AADSTS700222), "ado" for the Azure DevOps exception. */
export function entraIssuer(iss: string, sub: unknown): "refused" | "ado" | undefined {
  // Surrounding whitespace is a slip the issuer comparison explains better;
  // the URL parser would hide it.
  if (iss !== iss.trim() || !entraHosted(iss, () => isEntraHost(iss))) return undefined;
  return adoIssuer.test(iss) && typeof sub === "string" && adoSubject.test(sub) ? "ado" : "refused";
}

export function entraIssuedCheck(iss: string, expected?: string): RuledCheck {
  return failed(
    {
      check: "issuer",
      source: "CLOUDS.md 1.4 (considerations)",
      ...(expected === undefined ? {} : { expected }),
      actual: iss,
      message:
        "The token was issued by Entra itself; Entra refuses its own tokens in a federated exchange.",
      hint: "Only Azure DevOps service connections' tokens (issuer https://login.microsoftonline.com/<tenant>/v2.0, subject ending in /sc/<organization id>/<service connection id>) are accepted from an Entra issuer.",
    },
    entraIssuedError(),
  );
}

function issuerCheck(credential: AzureFederatedCredential, iss: unknown, sub: unknown): RuledCheck {
  const source = "CLOUDS.md 1.3 (considerations; azwi troubleshooting)";
  const label = `Credential '${credential.name}'`;
  if (typeof iss !== "string" || iss === "") {
    return failed(
      {
        check: "issuer",
        source,
        expected: credential.issuer,
        actual: "",
        message: "The token has no iss claim.",
      },
      issuerMismatchError(""),
    );
  }
  const entra = entraIssuer(iss, sub);
  if (entra === "refused") return entraIssuedCheck(iss, credential.issuer);
  if (iss === credential.issuer) {
    const ado =
      entra === "ado"
        ? " Entra issues it, and accepts it as the Azure DevOps service-connection issuer."
        : "";
    return passed({
      check: "issuer",
      source,
      expected: credential.issuer,
      actual: iss,
      message: `${label} trusts this issuer.${ado}`,
    });
  }
  const compared = { check: "issuer" as const, source, expected: credential.issuer, actual: iss };
  return failed(
    {
      ...compared,
      message: `${label} trusts the issuer '${credential.issuer}', not the token's.`,
      ...withHint(issuerHint(credential.issuer, iss)),
    },
    issuerMismatchError(iss),
  );
}

function audiencesOf(aud: unknown): string[] | undefined {
  if (typeof aud === "string") return [aud];
  if (Array.isArray(aud) && aud.length > 0 && aud.every((value) => typeof value === "string")) {
    return aud as string[];
  }
  return undefined;
}

function audienceCheck(credential: AzureFederatedCredential, aud: unknown): RuledCheck {
  const source = "CLOUDS.md 1.3 (considerations; multi-valued aud unconfirmed)";
  const expected = credential.audiences[0] ?? "";
  const label = `Credential '${credential.name}'`;
  const values = audiencesOf(aud);
  if (!values) {
    return failed(
      {
        check: "audience",
        source,
        expected,
        actual: "",
        message: "The token has no aud claim (or it is not a string or a list of strings).",
      },
      audienceMismatchError(""),
    );
  }
  const actual = values.length === 1 ? (values[0] ?? "") : JSON.stringify(values);
  const several =
    values.length > 1
      ? `The token's aud has ${values.length} values; how Entra compares a multi-valued aud is undocumented (a one-element list, as in Kubernetes tokens, works).`
      : undefined;
  if (values.includes(expected)) {
    const check: Omit<Check, "ok"> = {
      check: "audience",
      source,
      expected,
      actual,
      message: `${label} expects the audience '${expected}', which the token carries.`,
    };
    if (several) {
      check.hint = several;
      check.unconfirmed = several;
    }
    return passed(check);
  }
  const nearest = values.map((value) => audienceHint(expected, value)).find(Boolean);
  const hint = [nearest, several].filter(Boolean).join(" ");
  return failed(
    {
      check: "audience",
      source,
      expected,
      actual,
      message: `${label} expects the audience '${expected}'.`,
      ...withHint(hint || undefined),
    },
    audienceMismatchError(values.join(", ")),
  );
}

function subjectCheck(credential: AzureFederatedCredential, sub: unknown): RuledCheck {
  const source = "CLOUDS.md 1.3 (breaking change Aug 2024; Azure/login#515)";
  const expected = credential.subject ?? "";
  const label = `Credential '${credential.name}'`;
  if (typeof sub !== "string") {
    return failed(
      { check: "subject", source, expected, actual: "", message: "The token has no sub claim." },
      subjectMismatchError(""),
    );
  }
  if (sub === expected) {
    return passed({
      check: "subject",
      source,
      expected,
      actual: sub,
      message: `${label} trusts this subject.`,
    });
  }
  const compared = { check: "subject" as const, source, expected, actual: sub };
  // CLOUDS.md 1.3: no wildcards in a plain credential; '*' is literal.
  const literal =
    hasWildcard(expected) && matchesWildcard(expected, sub)
      ? "A plain credential has no wildcards: '*' and '?' match only themselves. Use a flexible credential (claimsMatchingExpression) for a pattern."
      : undefined;
  const hint = literal ?? subjectHint(expected, sub);
  return failed(
    { ...compared, message: `${label} trusts the subject '${expected}'.`, ...withHint(hint) },
    differsOnlyInCase(expected, sub) ? subjectCaseMismatchError(sub) : subjectMismatchError(sub),
  );
}

/** Issuer, audience, then subject or the flexible expression, for one credential. */
export function credentialChecks(
  credential: AzureFederatedCredential,
  claims: Record<string, unknown>,
  target: AzureFicHome | undefined,
): RuledCheck[] {
  return [
    issuerCheck(credential, claims.iss, claims.sub),
    audienceCheck(credential, claims.aud),
    credential.claimsMatchingExpression
      ? expressionCheck(credential, claims, target)
      : subjectCheck(credential, claims.sub),
  ];
}
