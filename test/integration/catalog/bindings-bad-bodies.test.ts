import { beforeAll } from "vitest";
import * as bindingItem from "@/app/api/v1/bindings/[id]/route";
import * as bindings from "@/app/api/v1/bindings/route";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
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
import {
  canary,
  describeBadBodies,
  itemTarget,
  notJson,
  without,
  type Body,
  type Endpoint,
} from "./bad-bodies-support";

// Bad bodies for bindings, down to fields inside each cloud's spec and the
// raw AWS statement. The admin token passes every role check.

let adminToken: string;
let workload: TWorkload;
let app: TTarget;
let role: TTarget;
let provider: TTarget;
let binding: TBinding;

beforeAll(async () => {
  adminToken = await createTestToken(await createTestUser({ role: "admin" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
  app = await createTestTarget("azure-app");
  role = await createTestTarget("aws-role");
  provider = await createTestTarget("gcp-provider");
  binding = await createTestBinding({ workload, target: app, spec: azureSpec(workload) });
});

const bindingBody = (spec: Body = azureSpec(workload, { subject: "control" })): Body => ({
  workloadId: workload.id,
  targetId: app.id,
  spec,
});
const awsBody = (spec: Body) => ({
  ...bindingBody(),
  targetId: role.id,
  spec: awsSpec(workload, spec),
});

const endpoints: Endpoint[] = [
  {
    label: "POST /api/v1/bindings",
    handler: bindings.POST,
    method: "POST",
    target: () => ({ path: "/api/v1/bindings" }),
    valid: () => bindingBody(),
    textField: "workloadId",
    fieldCases: [
      ["a number as workloadId", () => ({ ...bindingBody(), workloadId: 1 }), ["workloadId"]],
      ["spec text that is not JSON", () => ({ ...bindingBody(), spec: notJson }), ["spec"]],
      ["no spec", () => without(bindingBody(), "spec"), ["spec"]],
      [
        "an unknown cloud",
        () => bindingBody({ ...azureSpec(workload), cloud: canary }),
        ["spec.cloud"],
      ],
      [
        "an unknown field in an Azure spec",
        () => bindingBody(azureSpec(workload, { extra: canary })),
        ["spec.extra"],
      ],
      [
        "a string as audiences",
        () => bindingBody(azureSpec(workload, { audiences: canary })),
        ["spec.audiences"],
      ],
      [
        "a NUL in the subject",
        () => bindingBody(azureSpec(workload, { subject: `${canary}\u0000` })),
        ["spec.subject"],
      ],
      [
        "an unknown field in the AWS builder",
        () =>
          awsBody({
            builder: { audiences: ["a"], subjectOperator: "StringEquals", subjects: [], extra: 1 },
          }),
        ["spec.builder.extra"],
      ],
      [
        "a number as a raw statement (not an object, so no Sid either)",
        () => awsBody({ mode: "raw", statement: 42 }),
        ["spec.statement", "spec.statement"],
      ],
      [
        "raw statement text that is not JSON",
        () => awsBody({ mode: "raw", statement: notJson }),
        ["spec.statement"],
      ],
      [
        "an unknown field in a GCP spec",
        () => ({ ...bindingBody(gcpSpec({ extra: canary })), targetId: provider.id }),
        ["spec.extra"],
      ],
    ],
  },
  {
    label: "PATCH /api/v1/bindings/{id}",
    handler: bindingItem.PATCH,
    method: "PATCH",
    target: itemTarget("bindings", () => binding.id),
    valid: () => ({ spec: { ...binding.spec, description: "patched" } }),
    textField: "spec",
    fieldCases: [
      ["no spec", () => ({}), ["spec"]],
      [
        "a workloadId (which never changes)",
        () => ({ spec: binding.spec, workloadId: workload.id }),
        ["workloadId"],
      ],
      [
        "an unknown field in spec",
        () => ({ spec: { ...binding.spec, extra: canary } }),
        ["spec.extra"],
      ],
      ["spec text that is not JSON", () => ({ spec: notJson }), ["spec"]],
    ],
  },
];

describeBadBodies(endpoints, () => adminToken);
