// A catalogued binding in the evaluate shape (issue 11 item 5): GET
// /api/v1/bindings/{id} answers it as `evaluateBinding`, the page's "Copy as
// what-if body" wraps it, and POST /api/v1/evaluate takes either as is.
import { beforeAll, describe, expect, it } from "vitest";
import { whatIfBody } from "@/components/bindings/binding-details";
import type { TBinding } from "@/lib/schemas/binding";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  awsSpec,
  azureSpec,
  createTestBinding,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  gcpSpec,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { problemOf } from "@/test/support/http";
import { getItem, ok } from "../catalog/catalog-api";
import { evaluate, evaluateCall } from "./support";

let viewerToken: string;
let workload: TWorkload;
const bindings = {} as Record<"azure" | "aws" | "gcp", TBinding>;

beforeAll(async () => {
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
  const create = async (kind: "azure-uami" | "aws-role" | "gcp-provider", spec: object) =>
    createTestBinding({
      workload,
      target: await createTestTarget(kind),
      spec: spec as { cloud: string },
    });
  bindings.azure = await create("azure-uami", azureSpec(workload));
  bindings.aws = await create("aws-role", awsSpec(workload));
  bindings.gcp = await create("gcp-provider", gcpSpec());
});

async function fetched(cloud: keyof typeof bindings): Promise<TBinding> {
  return ok<TBinding>(await getItem("bindings", viewerToken, bindings[cloud].id));
}

describe.each(["azure", "aws", "gcp"] as const)("a catalogued %s binding", (cloud) => {
  it("comes back from GET with its evaluate shape", async () => {
    const binding = await fetched(cloud);
    expect(binding.evaluateBinding).toMatchObject({ cloud });
  });

  it("is evaluated from the copied what-if body as is", async () => {
    const body = JSON.parse(whatIfBody(await fetched(cloud))) as { claims: object };
    const evaluation = await evaluate(body, viewerToken);
    // The body's claims carry only iss and sub: what the user edits next.
    expect(evaluation.checks.length).toBeGreaterThan(0);
    expect(evaluation.cloudError?.code ?? "").not.toMatch(/^Fedlens/);
  });
});

describe("a stored AWS spec sent as the binding", () => {
  it("is refused as the wrong shape, while evaluateBinding is taken", async () => {
    const binding = await fetched("aws");
    const claims = { iss: workload.issuer.issuerUrl, sub: workload.subject };
    const refused = await evaluateCall({ binding: binding.spec, claims }, viewerToken);
    expect(refused.status).toBe(422);
    expect((await problemOf(refused)).detail).toBe(
      "The aws binding is a catalogued binding's stored spec; send its evaluateBinding (GET /api/v1/bindings/{id}, or Copy as what-if body on its page) instead.",
    );
    const taken = await evaluateCall({ binding: binding.evaluateBinding, claims }, viewerToken);
    expect(taken.status).toBe(200);
  });
});

describe("a catalogued AWS trust in a built-in provider", () => {
  const google = "https://accounts.google.com";
  const clientId = "32555940559.apps.googleusercontent.com";
  const sub = "110169484474386276334";

  it("is saved without an IAM provider on the role, and evaluated as IAM would", async () => {
    const binding = await createTestBinding({
      workload,
      target: await createTestTarget("aws-role"),
      spec: awsSpec(workload, {
        providerUrl: google,
        builder: {
          audiences: [clientId],
          subjectOperator: "StringEquals",
          subjects: [sub],
          extraConditions: [],
        },
      }),
    });
    const fetchedBinding = await ok<TBinding>(await getItem("bindings", viewerToken, binding.id));
    expect(fetchedBinding.cloudObject).toMatchObject({
      statement: { Principal: { Federated: "accounts.google.com" } },
    });
    expect(fetchedBinding.evaluateBinding).not.toHaveProperty("clientIds");

    const iat = Math.floor(Date.now() / 1000) - 60;
    const claims = { iss: google, aud: clientId, sub, iat, exp: iat + 3600 };
    const evaluation = await evaluate(
      { binding: fetchedBinding.evaluateBinding, claims },
      viewerToken,
    );
    expect(evaluation.checks.filter((check) => !check.ok)).toEqual([]);
    expect(evaluation.accepted).toBe(true);
  });
});
