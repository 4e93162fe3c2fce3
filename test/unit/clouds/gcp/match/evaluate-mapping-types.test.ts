import { describe, it } from "vitest";
import { runCase, type EvaluatorCase } from "./cases";
import { member, policy } from "./fixtures";

// The type of mapped attributes other than google.subject: a string or a list
// of strings (CLOUDS.md 3.3, 3.7; google-github-actions/auth#378) [inferred].
const cases: EvaluatorCase[] = [
  {
    name: "refuses a custom attribute mapped to a boolean, marked inferred",
    source: "google-github-actions/auth#378 (the type error names the attribute) [inferred]",
    binding: {
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.admin": "assertion.sub == 'x'",
      },
    },
    expected: {
      accepted: false,
      check: "attributeMapping",
      code: "unauthorized_client",
      message: "The mapped attribute 'attribute.admin' must be of type STRING.",
      checkMessage: /attribute.admin maps to a boolean.*\[inferred\]/,
      hint: /yields a boolean/,
    },
  },
  {
    name: "refuses google.groups mapped to a list holding a number, marked inferred",
    source: "google-github-actions/auth#378 [inferred]; CLOUDS.md 3.3 (google.groups)",
    binding: {
      attributeMapping: { "google.subject": "assertion.sub", "google.groups": "[assertion.iat]" },
    },
    expected: {
      accepted: false,
      check: "attributeMapping",
      code: "unauthorized_client",
      message: "The mapped attribute 'google.groups' must be of type STRING.",
    },
  },
  {
    name: "accepts a custom attribute mapped to a list of strings",
    source: "CLOUDS.md 3.7 (principalSet …/attribute.NAME/VALUE) [inferred: lists allowed]",
    binding: {
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.repository": "[assertion.repository, assertion.repository_id]",
        "attribute.repository_owner": "assertion.repository_owner",
      },
    },
    expected: { accepted: true },
  },
  {
    name: "accepts google.groups mapped to a plain string but says it is read as one group",
    source: "CLOUDS.md 3.3 (google.groups; whether a string is allowed is not stated)",
    binding: {
      attributeMapping: {
        "google.subject": "assertion.sub",
        "google.groups": "assertion.repository_owner",
      },
      ...policy([member("group/octo-org")]),
    },
    expected: {
      accepted: true,
      check: "attributeMapping",
      hint: /single string, not a list/,
      caveats: /reads as one group; Google documents a list/,
    },
  },
  {
    name: "qualifies nothing when a string google.groups is not what granted access",
    source: "CLOUDS.md 3.3, 3.7 (the pool-wide principalSet, not the group, matches)",
    binding: {
      attributeMapping: {
        "google.subject": "assertion.sub",
        "google.groups": "assertion.repository_owner",
      },
      ...policy([member("*")]),
    },
    expected: { accepted: true, caveats: false },
  },
];

describe("evaluateGcp: types of mapped attributes", () => {
  it.each(cases.map((row) => [`${row.name} [${row.source}]`, row] as const))("%s", (_name, row) => {
    runCase(row);
  });
});
