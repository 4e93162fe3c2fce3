import { beforeAll, describe, expect, it } from "vitest";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  azureAudience,
  azureSpec,
  createTestBinding,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  githubIssuerUrl,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  created,
  expectProblem,
  getItem,
  ok,
  patchItem,
  postItem,
  type ExpectedParam,
} from "./catalog-api";

// Entra's rules for federated identity credentials (CLOUDS.md 1.1, 1.3, 1.5,
// 1.6; issue 3 item 4), through POST/PATCH /api/v1/bindings.

let operatorToken: string;
let viewerToken: string;
let workload: TWorkload;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
});

const postFic = (target: TTarget, spec: Record<string, unknown>) =>
  postItem("bindings", operatorToken, {
    workloadId: workload.id,
    targetId: target.id,
    spec: azureSpec(workload, spec),
  });

const nameRule = (reason: string): ExpectedParam[] => [{ name: "spec.name", reason }];

describe("Azure federated identity credentials", () => {
  it("creates a FIC on a managed identity and shows it as ARM holds it", async () => {
    const target = await createTestTarget("azure-uami");
    const response = await postFic(target, { name: "payments-production" });
    const binding = await created<TBinding>(response);
    expect(response.headers.get("etag")).toBe('"v1"');
    expect(binding).toMatchObject({
      cloud: "azure",
      name: "payments-production",
      issuerUrl: githubIssuerUrl,
      subject: workload.subject,
      syncState: "pending",
      workload: { id: workload.id },
      target: { id: target.id, kind: "azure-uami" },
    });
    const config = target.config as Record<string, string>;
    const arm = {
      id: `/subscriptions/${config.subscriptionId}/resourceGroups/rg-fedlens-test/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${config.identityName}/federatedIdentityCredentials/payments-production`,
      name: "payments-production",
      type: "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
      properties: {
        issuer: githubIssuerUrl,
        subject: workload.subject,
        audiences: [azureAudience],
      },
    };
    expect(binding.cloudObject).toEqual(arm);
    const got = await ok<TBinding>(await getItem("bindings", viewerToken, binding.id));
    expect(got.cloudObject).toEqual(arm);
  });

  it("shows a FIC on an app registration in Microsoft Graph's shape", async () => {
    const target = await createTestTarget("azure-app");
    const binding = await created<TBinding>(
      await postFic(target, { name: "graph-shape", description: "deploys payments" }),
    );
    expect(binding.cloudObject).toEqual({
      name: "graph-shape",
      issuer: githubIssuerUrl,
      subject: workload.subject,
      audiences: [azureAudience],
      description: "deploys payments",
    });
  });

  it.each<[string, string, ExpectedParam[]]>([
    ["2 characters", "ab", nameRule("must be at least 3 characters")],
    ["121 characters", "a".repeat(121), nameRule("must be at most 120 characters")],
    [
      "a leading '-'",
      "-abc",
      nameRule("must start with a letter or digit: Entra refuses names that start with '-'"),
    ],
    [
      "a leading '_'",
      "_abc",
      nameRule("must start with a letter or digit: Entra refuses names that start with '_'"),
    ],
    ["a '.'", "ab.c", nameRule("may contain only letters, digits, '-' and '_' (found '.')")],
    ["a space", "ab c", nameRule("may contain only letters, digits, '-' and '_' (found a space)")],
    ["nothing", "", nameRule("is required")],
  ])("refuses a FIC name of %s", async (_label, name, params) => {
    const target = await createTestTarget("azure-uami");
    await expectProblem(await postFic(target, { name }), 422, params);
  });

  it.each([["abc"], ["a".repeat(120)], ["A1-b_2"], ["9--"]])(
    "accepts the FIC name %s",
    async (name) => {
      const target = await createTestTarget("azure-uami");
      expect((await created<TBinding>(await postFic(target, { name }))).name).toBe(name);
    },
  );

  it("refuses renaming a FIC on PATCH but accepts other edits", async () => {
    const target = await createTestTarget("azure-uami");
    const binding = await created<TBinding>(await postFic(target, { name: "immutable-name" }));
    const renamed = await patchItem("bindings", operatorToken, binding.id, {
      spec: azureSpec(workload, { name: "new-name" }),
    });
    await expectProblem(renamed, 422, [
      {
        name: "spec.name",
        reason: "Entra cannot rename a federated credential; delete it and create a new one.",
      },
    ]);
    const edited = await patchItem("bindings", operatorToken, binding.id, {
      spec: azureSpec(workload, { name: "immutable-name", description: "now described" }),
    });
    expect(await ok<TBinding>(edited)).toMatchObject({ name: "immutable-name", version: 2 });
  });

  it.each<[string, Record<string, unknown>, ExpectedParam[]]>([
    [
      "an issuer",
      { issuer: `https://${"i".repeat(593)}` },
      [{ name: "spec.issuer", reason: "must be at most 600 characters" }],
    ],
    [
      "a subject",
      { subject: "s".repeat(601) },
      [{ name: "spec.subject", reason: "must be at most 600 characters" }],
    ],
    [
      "an audience",
      { audiences: ["a".repeat(601)] },
      [{ name: "spec.audiences.0", reason: "must be at most 600 characters" }],
    ],
  ])("refuses %s of 601 characters", async (_label, spec, params) => {
    const target = await createTestTarget("azure-uami");
    await expectProblem(await postFic(target, spec), 422, params);
  });

  it("accepts an issuer, subject and audience of exactly 600 characters", async () => {
    const target = await createTestTarget("azure-uami");
    const spec = {
      issuer: `https://${"i".repeat(592)}`,
      subject: "s".repeat(600),
      audiences: ["a".repeat(600)],
    };
    expect((await created<TBinding>(await postFic(target, spec))).subject).toBe(spec.subject);
  });

  it.each<[string, unknown]>([
    ["no audience", []],
    ["two audiences", [azureAudience, "api://other"]],
  ])("refuses %s: Entra takes exactly one", async (_label, audiences) => {
    const target = await createTestTarget("azure-uami");
    await expectProblem(await postFic(target, { audiences }), 422, [
      { name: "spec.audiences", reason: "Entra accepts exactly one audience" },
    ]);
  });

  it("refuses a second FIC with the same issuer and subject on one identity only", async () => {
    const target = await createTestTarget("azure-uami");
    const first = await created<TBinding>(await postFic(target, {}));
    await expectProblem(await postFic(target, {}), 422, [
      {
        name: "spec.subject",
        reason: `Credential "${first.name}" on this identity already has this issuer and subject; Entra allows one.`,
      },
    ]);
    await created<TBinding>(await postFic(await createTestTarget("azure-uami"), {}));
    await created<TBinding>(await postFic(target, { issuer: "https://gitlab.com" }));
  });

  it("warns from the 18th FIC on an identity and refuses the 21st", async () => {
    const target = await createTestTarget("azure-uami");
    for (let index = 1; index <= 16; index += 1) {
      await createTestBinding({
        workload,
        target,
        spec: azureSpec(workload, { subject: `${workload.subject}-${index}` }),
      });
    }
    const capacity = (binding: TBinding) =>
      binding.warnings?.filter((warning) => warning.path === "spec.name") ?? [];
    const seventeenth = await created<TBinding>(await postFic(target, { subject: "s17" }));
    expect(capacity(seventeenth)).toEqual([]);
    for (const count of [18, 19, 20]) {
      const binding = await created<TBinding>(await postFic(target, { subject: `s${count}` }));
      expect(capacity(binding)).toEqual([
        {
          path: "spec.name",
          message: `This identity will hold ${count} of Entra's 20 federated credentials.`,
          rule: "azure-fic-capacity",
        },
      ]);
    }
    await expectProblem(await postFic(target, { subject: "s21" }), 422, [
      {
        name: "spec.name",
        reason:
          "This identity already holds 20 federated credentials, Entra's maximum. Remove one, or consolidate with a flexible credential.",
      },
    ]);
  });

  it("keeps warning about capacity when an existing FIC on a nearly full identity is read or edited", async () => {
    const target = await createTestTarget("azure-uami");
    const bindings: TBinding[] = [];
    for (let index = 1; index <= 18; index += 1) {
      bindings.push(
        await createTestBinding({
          workload,
          target,
          spec: azureSpec(workload, { subject: `${workload.subject}-${index}` }),
        }),
      );
    }
    const expected = {
      path: "spec.name",
      message: "This identity will hold 18 of Entra's 20 federated credentials.",
      rule: "azure-fic-capacity",
    };
    const one = bindings[0] as TBinding;
    const got = await ok<TBinding>(await getItem("bindings", viewerToken, one.id));
    expect(got.warnings).toContainEqual(expected);
    const patched = await ok<TBinding>(
      await patchItem("bindings", operatorToken, one.id, {
        spec: { ...one.spec, description: "edited" },
      }),
    );
    expect(patched.warnings).toContainEqual(expected);
  });
});
