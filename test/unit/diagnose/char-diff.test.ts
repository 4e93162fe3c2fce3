import { describe, expect, it } from "vitest";
import {
  charDiff,
  diffHunks,
  diffSides,
  diffSimilarity,
  maxDiffChars,
  type DiffPart,
} from "@/components/diagnose/char-diff";

const aks =
  "https://westeurope.oic.prod-aks.azure.com/4c8a7f0e-2b1d-4e9a-9c3f-6d5e8b7a1c20/9b2e4d6f-1a3c-4e5b-8d7f-0c1e2a3b4c5d";

const join = (parts: DiffPart[], keep: (part: DiffPart) => boolean) =>
  parts
    .filter(keep)
    .map((part) => part.text)
    .join("");

describe("charDiff", () => {
  it.each<[string, string, string, DiffPart[]]>([
    [
      "identical values",
      "sts.amazonaws.com",
      "sts.amazonaws.com",
      [{ op: "equal", text: "sts.amazonaws.com" }],
    ],
    ["two empty values", "", "", []],
    ["an empty expected value", "", "abc", [{ op: "insert", text: "abc" }]],
    ["an empty actual value", "abc", "", [{ op: "delete", text: "abc" }]],
    [
      "the AKS trailing slash the token has and the credential lacks (CLOUDS.md 1.3)",
      aks,
      `${aks}/`,
      [
        { op: "equal", text: aks },
        { op: "insert", text: "/" },
      ],
    ],
    [
      "a trailing slash the credential has and the token lacks",
      "https://gitlab.com/",
      "https://gitlab.com",
      [
        { op: "equal", text: "https://gitlab.com" },
        { op: "delete", text: "/" },
      ],
    ],
    [
      "a case-only difference (AADSTS7002138)",
      "repo:Contoso/web:ref:refs/heads/main",
      "repo:contoso/web:ref:refs/heads/main",
      [
        { op: "equal", text: "repo:" },
        { op: "delete", text: "C" },
        { op: "insert", text: "c" },
        { op: "equal", text: "ontoso/web:ref:refs/heads/main" },
      ],
    ],
    [
      "a pull_request subject against a branch subject",
      "repo:contoso/web:ref:refs/heads/main",
      "repo:contoso/web:pull_request",
      [
        { op: "equal", text: "repo:contoso/web:" },
        { op: "delete", text: "ref:refs/heads/main" },
        { op: "insert", text: "pull_request" },
      ],
    ],
  ])("diffs %s", (_name, expected, actual, parts) => {
    expect(charDiff(expected, actual)).toEqual(
      parts.map((part) => ({ ...part })).filter((part) => part.text !== ""),
    );
  });

  it("keeps long common runs between two changes", () => {
    expect(
      charDiff("repo:Contoso/web:environment:prod", "repo:contoso/web:environment:Prod"),
    ).toEqual([
      { op: "equal", text: "repo:" },
      { op: "delete", text: "C" },
      { op: "insert", text: "c" },
      { op: "equal", text: "ontoso/web:environment:" },
      { op: "delete", text: "p" },
      { op: "insert", text: "P" },
      { op: "equal", text: "rod" },
    ]);
  });

  it("folds a chance match no longer than the changes around it into one replacement", () => {
    expect(charDiff("abcXdef", "abdYef")).toEqual([
      { op: "equal", text: "ab" },
      { op: "delete", text: "cXd" },
      { op: "insert", text: "dY" },
      { op: "equal", text: "ef" },
    ]);
  });

  it.each([
    ["a Cyrillic look-alike", "contoso", "соntoso"],
    ["an emoji, never split into halves of a surrogate pair", "team-😀", "team-😃"],
    ["a zero-width space", "main", "ma\u200bin"],
    ["completely different values", "sts.amazonaws.com", "api://AzureADTokenExchange"],
    ["repeated characters", "aaaaab", "abaaaa"],
  ])("gives back both values from its parts for %s", (_name, expected, actual) => {
    const parts = charDiff(expected, actual);
    expect(join(parts, (part) => part.op !== "insert")).toBe(expected);
    expect(join(parts, (part) => part.op !== "delete")).toBe(actual);
    for (const part of parts) expect(part.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });

  it.each([
    ["xaybz", "xbyaz"],
    ["abcabba", "cbabac"],
    ["repo:contoso/web:environment:prod", "repo:contoso/web:ref:refs/heads/main"],
  ])(
    "lists each changed stretch as its deletions, then its insertions (%s → %s)",
    (expected, actual) => {
      const ops = charDiff(expected, actual).map((part) => part.op);
      for (let index = 1; index < ops.length; index += 1) {
        expect([ops[index - 1], ops[index]]).not.toEqual(["insert", "delete"]);
        expect(ops[index]).not.toBe(ops[index - 1]);
      }
    },
  );

  it("marks only the emoji that changed, as whole code points", () => {
    expect(charDiff("team-😀", "team-😃")).toEqual([
      { op: "equal", text: "team-" },
      { op: "delete", text: "😀" },
      { op: "insert", text: "😃" },
    ]);
  });

  it("never merges a decomposed letter with its precomposed form, as the clouds do not", () => {
    expect(charDiff("caf\u00e9", "cafe\u0301")).toEqual([
      { op: "equal", text: "caf" },
      { op: "delete", text: "\u00e9" },
      { op: "insert", text: "e\u0301" },
    ]);
  });

  it.each([
    [
      "at the cap, in full",
      maxDiffChars,
      [
        { op: "delete", text: "X" },
        { op: "insert", text: "Z" },
        { op: "equal", text: "12345678" },
        { op: "delete", text: "Y" },
        { op: "insert", text: "W" },
      ],
    ],
    [
      "past the cap, as one replaced middle",
      maxDiffChars + 1,
      [
        { op: "delete", text: "X12345678Y" },
        { op: "insert", text: "Z12345678W" },
      ],
    ],
  ])("diffs values %s", (_name, size, middle) => {
    const head = "a".repeat(size - 10);
    expect(charDiff(`${head}X12345678Y`, `${head}Z12345678W`)).toEqual([
      { op: "equal", text: head },
      ...middle,
    ]);
  });

  it("keeps the common prefix and suffix of values past the cap", () => {
    const middle = "x".repeat(maxDiffChars);
    expect(charDiff(`head-${middle}a-tail`, `head-${middle}b-tail`)).toEqual([
      { op: "equal", text: `head-${middle}` },
      { op: "delete", text: "a" },
      { op: "insert", text: "b" },
      { op: "equal", text: "-tail" },
    ]);
  });
});

describe("diffSimilarity", () => {
  it.each([
    ["identical values", "abc", "abc", 1],
    ["two empty values", "", "", 1],
    ["nothing in common", "abc", "xyz", 0],
    ["one extra character in eight", "abcdefg", "abcdefgh", 14 / 15],
  ])("rates %s", (_name, expected, actual, similarity) => {
    expect(diffSimilarity(charDiff(expected, actual))).toBeCloseTo(similarity, 10);
  });
});

describe("diffSides", () => {
  it("splits the parts into the expected line and the actual line", () => {
    const sides = diffSides(charDiff("https://gitlab.com/", "https://GitLab.com"));
    expect(sides.expected.map((part) => part.text).join("")).toBe("https://gitlab.com/");
    expect(sides.actual.map((part) => part.text).join("")).toBe("https://GitLab.com");
    expect(sides.expected.some((part) => part.op === "insert")).toBe(false);
    expect(sides.actual.some((part) => part.op === "delete")).toBe(false);
  });
});

describe("diffHunks", () => {
  it.each<[string, string, string, ReturnType<typeof diffHunks>]>([
    ["no difference", "abc", "abc", []],
    [
      "a missing trailing slash",
      "https://gitlab.com/",
      "https://gitlab.com",
      [{ position: 19, expected: "/", actual: "" }],
    ],
    [
      "an extra trailing slash",
      "https://gitlab.com",
      "https://gitlab.com/",
      [{ position: 19, expected: "", actual: "/" }],
    ],
    [
      "two separate changes",
      "repo:Contoso/web:environment:prod",
      "repo:contoso/web:environment:Prod",
      [
        { position: 6, expected: "C", actual: "c" },
        { position: 30, expected: "p", actual: "P" },
      ],
    ],
    [
      "a change after an emoji, counted in code points",
      "😀a",
      "😀b",
      [{ position: 2, expected: "a", actual: "b" }],
    ],
  ])("lists %s", (_name, expected, actual, hunks) => {
    expect(diffHunks(charDiff(expected, actual))).toEqual(hunks);
  });
});
