// GitHub Actions `sub` shapes (CLOUDS.md 4, GitHub OIDC reference):
//   repo:ORG/REPO:environment:NAME | repo:ORG/REPO:pull_request |
//   repo:ORG/REPO:ref:refs/heads/BRANCH | repo:ORG/REPO:ref:refs/tags/TAG
// and the 2026 immutable form repo:ORG@ID/REPO@ID:… (Entra immutable-subject
// guide, GitHub changelog 2026-04-23). Precedence: environment >
// pull_request > ref.

import { matchesWildcard } from "@/lib/federation/wildcard";

export type GithubContext =
  | { kind: "environment"; name: string }
  | { kind: "pull_request" }
  | { kind: "branch"; name: string }
  | { kind: "tag"; name: string }
  | { kind: "other"; text: string };

export type GithubSubject = {
  /** owner/repo without ids. */
  repository: string;
  immutable: boolean;
  context: GithubContext;
  /** What follows the path, e.g. "ref:refs/heads/main". */
  contextText: string;
};

const immutablePath = /^([^/@]+)@(\d+)\/([^/@]+)@(\d+)$/;

function contextOf(text: string): GithubContext {
  if (text === "pull_request") return { kind: "pull_request" };
  if (text.startsWith("environment:")) {
    return { kind: "environment", name: text.slice("environment:".length) };
  }
  if (text.startsWith("ref:refs/heads/")) {
    return { kind: "branch", name: text.slice("ref:refs/heads/".length) };
  }
  if (text.startsWith("ref:refs/tags/")) {
    return { kind: "tag", name: text.slice("ref:refs/tags/".length) };
  }
  return { kind: "other", text };
}

export function parseGithubSubject(subject: string): GithubSubject | undefined {
  const match = /^repo:([^:]+):(.+)$/.exec(subject);
  if (!match) return undefined;
  const [, path = "", rest = ""] = match;
  const ids = immutablePath.exec(path);
  const repository = ids ? `${ids[1]}/${ids[3]}` : path;
  return { repository, immutable: Boolean(ids), context: contextOf(rest), contextText: rest };
}

export function describeGithubContext(context: GithubContext): string {
  switch (context.kind) {
    case "environment":
      return `the environment '${context.name}'`;
    case "pull_request":
      return "pull_request runs";
    case "branch":
      return `the branch '${context.name}'`;
    case "tag":
      return `the tag '${context.name}'`;
    case "other":
      return `'${context.text}'`;
  }
}

function contextHint(
  token: GithubContext,
  trusted: GithubContext,
  trust: string,
): string | undefined {
  if (token.kind === "pull_request" && trusted.kind !== "pull_request") {
    return `The token came from a pull_request event: for a pull-request run GitHub's sub ends in ':pull_request' whatever the branch (unless the job uses an environment), while ${trust} trusts ${describeGithubContext(trusted)}. Trust '…:pull_request' only if every pull-request run of the repository may use this identity; otherwise run the job in a protected environment.`;
  }
  if (token.kind === "environment" && trusted.kind !== "environment") {
    return `The job ran in ${describeGithubContext(token)}, so GitHub's sub names the environment, not the branch or event (environment > pull_request > ref); ${trust} trusts ${describeGithubContext(trusted)}.`;
  }
  if (trusted.kind === "environment" && token.kind !== "environment") {
    return `${capitalise(trust)} trusts ${describeGithubContext(trusted)}, but the job did not reference an environment, so GitHub's sub names ${describeGithubContext(token)}. Add 'environment: ${trusted.name}' to the job.`;
  }
  if (token.kind !== trusted.kind) {
    return `The token is for ${describeGithubContext(token)}; ${trust} trusts ${describeGithubContext(trusted)}.`;
  }
  if (JSON.stringify(token) !== JSON.stringify(trusted)) {
    return `The token is for ${describeGithubContext(token)}; ${trust} trusts ${describeGithubContext(trusted)}.`;
  }
  return undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Why a GitHub subject misses the one a trust expects, or undefined.
 */
export function githubSubjectHint(
  expected: string,
  actual: string,
  {
    trust = "this credential",
    pattern = false,
  }: {
    /** The trust in the cloud's terms: "this credential", "the statement"… */
    trust?: string;
    /** `expected` is a wildcard pattern (StringLike, a flexible credential's `matches`). */
    pattern?: boolean;
  } = {},
): string | undefined {
  // A pattern is compared part by part with its wildcards, so a part its `*`
  // covers is never called a mismatch.
  const trusted = parseGithubSubject(expected);
  const token = parseGithubSubject(actual);
  if (trusted && !token) {
    return "The token's sub does not follow GitHub's repo:ORG/REPO:… format: the organization or repository probably uses a customised sub template (include_claim_keys), which replaces the whole sub.";
  }
  if (!trusted || !token) return undefined;
  const covers = (part: string, value: string) =>
    pattern
      ? matchesWildcard(part.toLowerCase(), value.toLowerCase())
      : part.toLowerCase() === value.toLowerCase();
  const hints: string[] = [];
  if (!covers(trusted.repository, token.repository)) {
    hints.push(
      `The token is from the repository ${token.repository}; ${trust} trusts ${trusted.repository}.`,
    );
  } else if (token.immutable !== trusted.immutable) {
    hints.push(
      token.immutable
        ? `The token uses GitHub's immutable subject (repo:OWNER@ID/REPO@ID:…), the default since 15 Jul 2026 for repositories created, renamed or transferred; ${trust} has the legacy name-only form. Update it to the immutable form.`
        : `${capitalise(trust)} has GitHub's immutable subject (repo:OWNER@ID/REPO@ID:…), but the token carries the legacy name-only form: the repository has not opted in (or runs on GHES).`,
    );
  }
  const context =
    pattern && matchesWildcard(trusted.contextText, token.contextText)
      ? undefined
      : contextHint(token.context, trusted.context, trust);
  if (context) hints.push(context);
  return hints.length > 0 ? hints.join(" ") : undefined;
}
