import { describe, expect, it } from "vitest";
import type { RiskCatalogue } from "@/lib/risk/rule-source";
import { trustGraphSource } from "@/lib/risk/sources/trust-graph";
import type { TrustCatalogue } from "@/lib/trust-map/trust-map-types";
import {
  catalogue,
  ficBinding,
  githubWorkload,
  roleBinding,
} from "@/test/unit/trust-map/catalogue";

// The two rules only the effective trust graph can tell, on hand-built
// catalogues: each fires on its shape and stays quiet on the narrow one.

const web = githubWorkload("w-web", "web");
const api = githubWorkload("w-api", "api");
const subKey = "token.actions.githubusercontent.com:sub";

async function rulesOf(trust: TrustCatalogue) {
  const risk: RiskCatalogue = {
    bindings: [],
    targets: [],
    issuers: [],
    trust,
    at: new Date(),
  };
  return (await trustGraphSource.collect(risk)).map((finding) => [
    finding.rule,
    finding.entity.id,
    finding.message,
  ]);
}

describe("trust-admits-other-workloads", () => {
  it("fires when a pattern made for one workload accepts another catalogued one", async () => {
    const found = await rulesOf(
      catalogue({
        workloads: [web, api],
        bindings: [roleBinding("RoleB", web, { StringLike: { [subKey]: "repo:contoso/*" } })],
      }),
    );
    expect(found).toEqual([
      [
        "trust-admits-other-workloads",
        "RoleB",
        "Made for w-web, this trust also accepts the tokens of w-api.",
      ],
    ]);
  });

  it("stays quiet for an exact subject", async () => {
    const found = await rulesOf(
      catalogue({ workloads: [web, api], bindings: [ficBinding("fic-b", web, web.subject)] }),
    );
    expect(found).toEqual([]);
  });
});

describe("trust-admits-nobody", () => {
  it("fires for a declared trust broken by a case slip, with the cloud's error", async () => {
    const found = await rulesOf(
      catalogue({
        workloads: [api],
        bindings: [ficBinding("fic-b", api, "repo:contoso/api:environment:Production")],
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe("trust-admits-nobody");
    expect(found[0]?.[2]).toMatch(
      /^No catalogued workload gets in, not even w-api: .*\(AADSTS7002138\)\.$/,
    );
  });

  it("stays quiet when the trust admits its own workload", async () => {
    const found = await rulesOf(
      catalogue({ workloads: [api], bindings: [ficBinding("fic-b", api, api.subject)] }),
    );
    expect(found).toEqual([]);
  });

  it("stays quiet when a broken trust still admits another catalogued workload", async () => {
    const found = await rulesOf(
      catalogue({
        workloads: [web, api],
        bindings: [ficBinding("fic-b", api, web.subject)],
      }),
    );
    expect(found.map(([rule]) => rule)).toEqual(["trust-admits-other-workloads"]);
  });
});
