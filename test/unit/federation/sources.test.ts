import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { publicSource, withoutCitations } from "@/lib/federation/sources";

// Evaluators cite CLOUDS.md in code; users get the cloud's public page. These
// tests read the source tree itself, so a rule added tomorrow with a citation
// nobody mapped fails here rather than reaching a user.

const root = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((entry) => /\.tsx?$/.test(entry) && !entry.startsWith("db/generated"))
    .map((entry) => path.join(root, dir, entry));
}

/** String and template literals outside comments that name an internal document. */
function literalsNaming(pattern: RegExp): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  for (const file of [...sourceFiles("lib"), ...sourceFiles("components")]) {
    const code = readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    for (const match of code.matchAll(/"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
      if (pattern.test(match[0])) {
        // Interpolations are code, not text: `${spec.name}` shows a value.
        const text = match[0].slice(1, -1).replace(/\$\{[^}]*\}/g, "…");
        found.push({ file: path.relative(root, file), text });
      }
    }
  }
  return found;
}

describe("rule sources", () => {
  const citations = literalsNaming(/^.CLOUDS\.md /).filter(({ text }) =>
    text.startsWith("CLOUDS.md "),
  );

  it("finds the citations the evaluators use as sources", () => {
    expect(citations.length).toBeGreaterThan(25);
  });

  it("resolves every citation any evaluator can emit to a public https page", () => {
    const unresolved = citations.filter(({ text }) => {
      const source = publicSource(text);
      return !source || !source.url.startsWith("https://") || source.title === "";
    });
    expect(unresolved).toEqual([]);
  });

  it.each([
    [
      "CLOUDS.md 3.5 (STS v1 token reference)",
      "https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token",
    ],
    [
      "CLOUDS.md 2.3 step 1, 2.7 (re:Post iam-oidc-idp-federation)",
      "https://repost.aws/knowledge-center/iam-oidc-idp-federation",
    ],
    [
      "CLOUDS.md 2.3 step 4, 2.8 (aws-orbit-workbench#771)",
      "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html",
    ],
    [
      "CLOUDS.md 1.6 (flexible FIC doc)",
      "https://learn.microsoft.com/en-us/entra/workload-id/workload-identities-flexible-federated-identity-credentials",
    ],
  ])("links %s to the section's own page", (citation, url) => {
    expect(publicSource(citation)?.url).toBe(url);
  });

  it("gives no link for text that is not a citation", () => {
    expect(publicSource("RFC 7519")).toBeNull();
  });
});

describe("withoutCitations", () => {
  it.each([
    ["Grant the role (CLOUDS.md 3.7).", "Grant the role."],
    [
      'allows it (IAM "Variables and tags"; CLOUDS.md 5.1).',
      'allows it (IAM "Variables and tags").',
    ],
    ["is false (map it first, CLOUDS.md 3.3).", "is false (map it first)."],
    ["differs in case (CLOUDS.md 2.5, configure-aws-credentials#1100).", "differs in case."],
    [
      "are lost (CLOUDS.md 2.5, 5.4; alphagov/govuk-infrastructure#879).",
      "are lost (alphagov/govuk-infrastructure#879).",
    ],
    ["set it (CLOUDS.md §4).", "set it."],
    [
      "but CLOUDS.md 3.3 doesn't say whether Google does.",
      "but the documentation doesn't say whether Google does.",
    ],
    ["Nothing to drop here.", "Nothing to drop here."],
  ])("turns %j into %j", (text, expected) => {
    expect(withoutCitations(text)).toBe(expected);
  });

  it("leaves no internal reference in any message, hint or finding the code base writes", () => {
    // Citations sit in comments beside the text; only source ids (resolved to
    // public links at the edge) and the stripper itself name the file in a string.
    const literals = literalsNaming(/CLOUDS\.md/).filter(
      ({ file, text }) => !text.startsWith("CLOUDS.md ") && file !== "lib/federation/sources.ts",
    );
    expect(literals).toEqual([]);
  });

  it("finds no user-facing text naming SECURITY.md at all", () => {
    expect(literalsNaming(/SECURITY\.md/)).toEqual([]);
  });
});
