import { describe, expect, it } from "vitest";
import { cloudCatalog } from "@/lib/clouds/registry";
import { evaluateStoredBinding } from "@/lib/federation/evaluate-binding";
import { buildTrustMap, trustMapEdges, type TrustMap } from "@/lib/trust-map/build-trust-map";
import { predictToken } from "@/lib/trust-map/predicted-token";
import type { MapBinding, MapTarget, MapWorkload } from "@/lib/trust-map/trust-map-types";
import { catalogue, gcpProvider, github, githubWorkload, grantBinding, pool } from "./catalogue";

// The build remembers work by its input's text (a provider's CEL program,
// a token's time checks) and hands CEL only the claims an expression names.
// Bindings that share that text but judge other tokens must still get the
// verdict the evaluator gives each on its own, uncached.

const at = new Date("2026-12-06T06:00:00Z");
const web = githubWorkload("w-web", "web");
const tool = githubWorkload("w-tool", "tool", { owner: "fabrikam", trigger: "branch" });

function edge(map: TrustMap, bindingId: string) {
  return trustMapEdges(map).find((candidate) => candidate.bindingId === bindingId);
}

/** The evaluator's answer through the public, unprepared path. */
function direct(binding: MapBinding, workload: MapWorkload, target: MapTarget) {
  const cloudBinding = cloudCatalog("gcp").evaluatorBinding({
    spec: binding.spec,
    target: { id: target.id, kind: target.kind, name: target.name, config: target.config },
    workload: { ...workload },
    issuer: { issuerUrl: github.issuerUrl, kind: github.kind },
    siblings: [],
  } as Parameters<ReturnType<typeof cloudCatalog>["evaluatorBinding"]>[0]);
  const token = predictToken(workload, github);
  const iat = Math.floor(at.getTime() / 1000);
  const provider = `${pool}/providers/github`;
  const claims = { ...token.claims, aud: `https:${provider}`, iat, exp: iat + 300 };
  return evaluateStoredBinding("gcp", cloudBinding, {
    token: { header: {}, claims, signature: "skipped" },
    at,
  });
}

describe("bindings sharing a provider's CEL condition", () => {
  const grants = [
    grantBinding("grant-web", web, `principal:${pool}/subject/${web.subject}`),
    grantBinding("grant-tool", tool, `principal:${pool}/subject/${tool.subject}`),
  ];

  it.each([
    ["in catalogue order", grants],
    ["in reverse order", [...grants].reverse()],
  ])("each get the evaluator's own verdict (%s)", (_order, bindings) => {
    const map = buildTrustMap(catalogue({ workloads: [web, tool], bindings }), { at });
    const accepted = direct(grants[0] as MapBinding, web, gcpProvider);
    const refused = direct(grants[1] as MapBinding, tool, gcpProvider);
    expect(accepted.accepted).toBe(true);
    expect(refused.accepted).toBe(false);
    expect(edge(map, "grant-web")).toMatchObject({ kind: "effective", verdict: "accepted" });
    const failing = refused.checks.find((check) => !check.ok);
    expect(edge(map, "grant-tool")).toMatchObject({
      kind: "broken",
      verdict: "refused",
      failingCheck: { check: failing?.check, message: failing?.message },
      cloudError: refused.cloudError,
    });
  });

  it("leave undecided a condition on a claim the workload's spec does not tell", () => {
    const provider: MapTarget = {
      ...gcpProvider,
      config: {
        ...(gcpProvider.config as Record<string, unknown>),
        attributeCondition:
          "assertion.job_workflow_ref == 'contoso/infra/.github/workflows/deploy.yml@refs/heads/main'",
      },
    };
    const map = buildTrustMap(
      catalogue({
        workloads: [web],
        targets: [provider],
        bindings: [grantBinding("grant-web", web, `principal:${pool}/subject/${web.subject}`)],
      }),
      { at },
    );
    expect(edge(map, "grant-web")).toMatchObject({
      kind: "undecided",
      dependsOn: ["job_workflow_ref"],
    });
  });
});
