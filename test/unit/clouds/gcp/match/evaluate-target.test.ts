import { describe, it } from "vitest";
import { runCase, type EvaluatorCase } from "./cases";
import { projectNumber, providerResource } from "./fixtures";

// The target STS finds: a disabled pool, and an STS audience naming another
// provider than this binding's (CLOUDS.md 3.1, 3.6, 3.8).
const cases: EvaluatorCase[] = [
  {
    name: "refuses every token when the pool is disabled, naming the pool",
    source: "CLOUDS.md 3.1 (a disabled pool also blocks existing tokens) and 3.8 (invalid_target)",
    binding: { poolDisabled: true },
    expected: {
      accepted: false,
      check: "target",
      code: "invalid_target",
      message: /pool or provider is disabled or deleted/,
      checkMessage: /^Pool github-pool is disabled/,
    },
  },
  {
    name: "names the disabled pool rather than the disabled provider when both are",
    source: "CLOUDS.md 3.1 (re-enabling the provider alone leaves the pool blocking)",
    binding: { poolDisabled: true, disabled: true },
    expected: {
      accepted: false,
      check: "target",
      code: "invalid_target",
      checkMessage: /^Pool github-pool is disabled/,
    },
  },
  {
    name: "says an STS audience naming another provider of the pool makes STS use that provider",
    source:
      "CLOUDS.md 3.6 (audience names the provider) and 3.8 (invalid_target only if missing, disabled or deleted)",
    request: { gcp: { stsAudience: providerResource.replace(/github$/, "gitlab") } },
    expected: {
      accepted: false,
      check: "target",
      code: "FedlensOtherProvider",
      checkMessage:
        /names provider gitlab of pool github-pool, so STS would use that provider, not this binding's provider github/,
      hint: /If provider gitlab exists and is enabled/,
    },
  },
  {
    name: "says an STS audience naming a provider of another pool of the project makes STS use it",
    source: "CLOUDS.md 3.6 and 3.8 (invalid_target only if missing, disabled or deleted)",
    request: {
      gcp: {
        stsAudience: providerResource.replace(
          "github-pool/providers/github",
          "ci-pool/providers/ci-provider",
        ),
      },
    },
    expected: {
      accepted: false,
      check: "target",
      code: "FedlensOtherProvider",
      checkMessage: /names provider ci-provider of pool ci-pool/,
    },
  },
  {
    name: "keeps invalid_target for an STS audience naming another project number",
    source: "CLOUDS.md 3.8 (invalid_target: project-number mismatch)",
    request: { gcp: { stsAudience: providerResource.replace(projectNumber, "999999999999") } },
    expected: {
      accepted: false,
      check: "target",
      code: "invalid_target",
      hint: /project 999999999999/,
    },
  },
  {
    name: "keeps invalid_target for an STS audience naming a provider ID no provider can have",
    source: "CLOUDS.md 3.1 (IDs are [a-z0-9-]) and 3.8 (invalid_target: doesn't exist)",
    request: { gcp: { stsAudience: providerResource.replace(/github$/, "GitHub") } },
    expected: { accepted: false, check: "target", code: "invalid_target" },
  },
];

describe("evaluateGcp: the pool and provider STS targets", () => {
  it.each(cases.map((row) => [`${row.name} [${row.source}]`, row] as const))("%s", (_name, row) => {
    runCase(row);
  });
});
