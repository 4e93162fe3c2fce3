// The catalogue and the evaluators agree: every binding of the demo estate,
// converted by its cloud's catalogue to the evaluator's shape, passes that
// evaluator's schema, so diagnose never reports a catalogued binding as
// "cannot be evaluated" (FedlensBindingInvalid). Checked both directly and
// through POST /api/v1/diagnose with a signed token per demo issuer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadBindingParties } from "@/lib/catalog/bindings/binding-context";
import { cloudCatalog, cloudEvaluator } from "@/lib/clouds/registry";
import { getDb } from "@/lib/db/client";
import { demoBindings } from "@/lib/db/demo/demo-bindings";
import { demoWorkloads } from "@/lib/db/demo/demo-workloads";
import { demoIssuers, seedDemo } from "@/lib/db/seed-demo";
import type { BindingResult } from "@/lib/diagnose/evaluate-catalogue";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";
import { allowLoopbackIssuers, diagnose } from "./support";

allowLoopbackIssuers();

let issuer: OidcIssuer;
let viewerToken: string;

beforeAll(async () => {
  await seedDemo();
  issuer = await startOidcIssuer();
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  // The demo issuers are real URLs: their keys come from the test issuer instead.
  await getDb().issuer.updateMany({ data: { jwksUri: issuer.jwksUri } });
});

afterAll(() => issuer.stop());

const bindingName = (spec: Record<string, unknown>) => String(spec.name ?? spec.sid);

async function storedBinding(targetName: string, name: string) {
  const target = await getDb().cloudTarget.findUniqueOrThrow({ where: { name: targetName } });
  return getDb().binding.findUniqueOrThrow({
    where: { targetId_name: { targetId: target.id, name } },
    select: { id: true, spec: true, targetId: true, workloadId: true },
  });
}

describe("the demo estate", () => {
  it("is in the catalogue in full", async () => {
    expect(await getDb().binding.count()).toBe(demoBindings.length);
  });

  it.each(
    demoBindings.map((demo) => [`${demo.target} / ${bindingName(demo.spec)}`, demo] as const),
  )("converts %s to a binding its cloud's evaluator accepts", async (_name, demo) => {
    const row = await storedBinding(demo.target, bindingName(demo.spec));
    const parties = await loadBindingParties(getDb(), {
      targetId: row.targetId,
      workloadId: row.workloadId,
      exceptBindingId: row.id,
    });

    const converted = cloudCatalog(parties.cloud).evaluatorBinding({ ...parties, spec: row.spec });

    const parsed = cloudEvaluator(parties.cloud).bindingSchema.safeParse(converted);
    expect(parsed.success, parsed.error && z.prettifyError(parsed.error)).toBe(true);
  });
});

describe("diagnosing a token of each demo issuer", () => {
  let results: BindingResult[];

  beforeAll(async () => {
    results = [];
    for (const demo of demoIssuers) {
      const workload = demoWorkloads.find((candidate) => candidate.issuerName === demo.name);
      const row = workload
        ? await getDb().workload.findUniqueOrThrow({ where: { name: workload.name } })
        : null;
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({
        iss: demo.issuerUrl,
        sub: row?.subject ?? "nobody",
        aud: "api://AzureADTokenExchange",
        iat: now - 5,
        exp: now + 300,
      });
      const diagnosis = await diagnose(token, viewerToken);
      expect(diagnosis.signature.status, demo.name).toBe("valid");
      results.push(...diagnosis.results);
    }
  });

  it("evaluates every demo binding", async () => {
    const evaluated = new Set(results.map((result) => result.bindingId));
    const all = await getDb().binding.findMany({ select: { id: true, name: true } });
    expect(all.filter((binding) => !evaluated.has(binding.id)).map((b) => b.name)).toEqual([]);
  });

  it("never answers that a binding cannot be evaluated", () => {
    const invalid = results.filter(
      (result) => result.evaluation.cloudError?.code === "FedlensBindingInvalid",
    );
    expect(
      invalid.map((result) => `${result.bindingName}: ${result.evaluation.cloudError?.message}`),
    ).toEqual([]);
  });

  it("accepts the Azure credential a token's subject was made for", () => {
    const accepted = results.filter(
      (result) => result.cloud === "azure" && result.evaluation.accepted,
    );
    expect(accepted.map((result) => result.bindingName)).toContain("payments-api-production");
  });
});
