import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as bindingExport from "@/app/api/v1/bindings/[id]/export/route";
import * as targetExport from "@/app/api/v1/targets/[id]/export/route";
import {
  awsSpec,
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
  gcpSpec,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";
import { literal, parseTerraform, runCommands } from "@/test/unit/export/export-harness";

let viewerToken: string;

beforeAll(async () => {
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

const get = (kind: "bindings" | "targets", id: string, format?: string, token = viewerToken) =>
  call(kind === "bindings" ? bindingExport.GET : targetExport.GET, {
    path: `/api/v1/${kind}/${id}/export${format === undefined ? "" : `?format=${format}`}`,
    params: { id },
    token,
  });

describe("GET /api/v1/bindings/{id}/export", () => {
  it("gives a viewer the binding as Terraform, named for download", async () => {
    const workload = await createTestWorkload();
    const target = await createTestTarget("azure-uami");
    const binding = await createTestBinding({ workload, target, spec: azureSpec(workload) });

    const response = await get("bindings", binding.id, "terraform");

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="[a-z0-9-]+\.tf"$/,
    );
    const parsed = literal(await parseTerraform(await response.text())) as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    const [credential] = Object.values(parsed.azurerm_federated_identity_credential ?? {});
    expect(credential).toMatchObject({
      name: binding.name,
      subject: workload.subject,
      issuer: workload.issuer.issuerUrl,
    });
  });

  it("gives the az commands, which a shell reads back to the binding's values", async () => {
    const workload = await createTestWorkload();
    const target = await createTestTarget("azure-app");
    const binding = await createTestBinding({ workload, target, spec: azureSpec(workload) });

    const response = await get("bindings", binding.id, "az");

    expect(response.headers.get("content-disposition")).toMatch(/-az\.sh"$/);
    const [call] = runCommands(await response.text());
    expect(call?.slice(0, 5)).toEqual(["az", "ad", "app", "federated-credential", "create"]);
    const parameters = call?.find((arg) => arg.startsWith("--parameters="));
    expect(JSON.parse(parameters!.slice("--parameters=".length))).toMatchObject({
      name: binding.name,
      subject: workload.subject,
    });
  });

  it("answers 400 naming the cloud's formats for another cloud's CLI", async () => {
    const workload = await createTestWorkload();
    const target = await createTestTarget("aws-role");
    const binding = await createTestBinding({ workload, target, spec: awsSpec(workload) });

    for (const format of ["gcloud", "bicep"]) {
      const response = await get("bindings", binding.id, format);
      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem.detail).toBe("AWS exports as terraform or aws: choose one of those formats.");
      expect((problem as unknown as { formats: string[] }).formats).toEqual(["terraform", "aws"]);
    }
  });

  it("answers 404 for an unknown binding and 401 without a token", async () => {
    expect((await get("bindings", randomUUID(), "terraform")).status).toBe(404);
    const anonymous = await call(bindingExport.GET, {
      path: `/api/v1/bindings/${randomUUID()}/export`,
      params: { id: randomUUID() },
    });
    expect(anonymous.status).toBe(401);
  });
});

describe("GET /api/v1/targets/{id}/export", () => {
  it("gives every binding of the target, Terraform by default", async () => {
    const workload = await createTestWorkload();
    const target = await createTestTarget("gcp-provider");
    const other = await createTestWorkload();
    await createTestBinding({ workload, target, spec: gcpSpec() });
    await createTestBinding({ workload: other, target, spec: gcpSpec() });

    const response = await get("targets", target.id);

    expect(response.status).toBe(200);
    const parsed = await parseTerraform(await response.text());
    expect(Object.keys(parsed.google_iam_workload_identity_pool_provider ?? {})).toHaveLength(1);
    expect(Object.keys(parsed.google_service_account_iam_member ?? {})).toHaveLength(2);
  });

  it("gives the aws commands for a role: the provider and the trust policy with every statement", async () => {
    const workload = await createTestWorkload();
    const target = await createTestTarget("aws-role");
    const first = await createTestBinding({ workload, target, spec: awsSpec(workload) });
    const second = await createTestBinding({ workload, target, spec: awsSpec(workload) });

    const response = await get("targets", target.id, "aws");

    const calls = runCommands(await response.text());
    expect(calls.map((args) => args.slice(0, 3).join(" "))).toEqual([
      "aws iam create-open-id-connect-provider",
      "aws iam update-assume-role-policy",
    ]);
    const document = calls[1]!.find((arg) => arg.startsWith("--policy-document="))!;
    const policy = JSON.parse(document.slice("--policy-document=".length)) as {
      Statement: { Sid: string }[];
    };
    expect(policy.Statement.map((statement) => statement.Sid).sort()).toEqual(
      [first.spec.sid, second.spec.sid].sort(),
    );
  });

  it("answers 404 for an unknown target", async () => {
    const response = await get("targets", randomUUID(), "terraform");
    expect(response.status).toBe(404);
    expect((await problemOf(response)).detail).toBe("No target with this id.");
  });
});
