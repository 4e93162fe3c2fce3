import { randomUUID } from "node:crypto";
import { beforeAll } from "vitest";
import * as targetItem from "@/app/api/v1/targets/[id]/route";
import * as targets from "@/app/api/v1/targets/route";
import * as workloadItem from "@/app/api/v1/workloads/[id]/route";
import * as workloads from "@/app/api/v1/workloads/route";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  targetBody,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  canary,
  describeBadBodies,
  itemTarget,
  notJson,
  over,
  without,
  type Body,
  type Endpoint,
} from "./bad-bodies-support";

// Bad bodies for workloads and targets, down to fields inside subjectSpec and
// config. The admin token passes every role check so validation is reached.

let adminToken: string;
let workload: TWorkload;
let app: TTarget;

beforeAll(async () => {
  adminToken = await createTestToken(await createTestUser({ role: "admin" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
  app = await createTestTarget("azure-app");
});

const free = { kind: "free", subject: "repo:contoso/app:environment:production" };
const workloadBody = (): Body => ({
  name: `bad bodies ${randomUUID().slice(0, 8)}`,
  issuerId: workload.issuer.id,
  subjectSpec: { kind: "github", owner: "contoso", repo: "x", trigger: "pull_request" },
});
const withConfig = (body: Body, config: Body) => ({
  ...body,
  config: { ...(body.config as Body), ...config },
});

const endpoints: Endpoint[] = [
  {
    label: "POST /api/v1/workloads",
    handler: workloads.POST,
    method: "POST",
    target: () => ({ path: "/api/v1/workloads" }),
    valid: workloadBody,
    textField: "description",
    fieldCases: [
      ["a number as name", () => ({ ...workloadBody(), name: 1 }), ["name"]],
      ["a malformed issuerId", () => ({ ...workloadBody(), issuerId: canary }), ["issuerId"]],
      ["an array as team", () => ({ ...workloadBody(), team: [canary] }), ["team"]],
      [
        "subjectSpec text that is not JSON",
        () => ({ ...workloadBody(), subjectSpec: notJson }),
        ["subjectSpec"],
      ],
      [
        "an unknown field in subjectSpec",
        () => ({ ...workloadBody(), subjectSpec: { ...free, extra: canary } }),
        ["subjectSpec.extra"],
      ],
      [
        "an unknown subjectSpec kind",
        () => ({ ...workloadBody(), subjectSpec: { kind: canary } }),
        ["subjectSpec.kind"],
      ],
      [
        "a number as the GitHub owner",
        () => ({
          ...workloadBody(),
          subjectSpec: { kind: "github", owner: 5, repo: "r", trigger: "pull_request" },
        }),
        ["subjectSpec.owner"],
      ],
      [
        "a NUL in the subject",
        () => ({ ...workloadBody(), subjectSpec: { ...free, subject: `${canary}\u0000` } }),
        ["subjectSpec.subject"],
      ],
      ["no subjectSpec", () => without(workloadBody(), "subjectSpec"), ["subjectSpec"]],
      ["a name over 120 characters", () => ({ ...workloadBody(), name: over(120) }), ["name"]],
    ],
  },
  {
    label: "PATCH /api/v1/workloads/{id}",
    handler: workloadItem.PATCH,
    method: "PATCH",
    target: itemTarget("workloads", () => workload.id),
    valid: () => ({ team: "patched" }),
    textField: "description",
    fieldCases: [
      ["null as subjectSpec", () => ({ subjectSpec: null }), ["subjectSpec"]],
      ["an empty name", () => ({ name: "" }), ["name"]],
      ["a number as issuerId", () => ({ issuerId: 5 }), ["issuerId"]],
      [
        "an unknown field in subjectSpec",
        () => ({ subjectSpec: { ...free, extra: 1 } }),
        ["subjectSpec.extra"],
      ],
      ["subjectSpec text that is not JSON", () => ({ subjectSpec: notJson }), ["subjectSpec"]],
    ],
  },
  {
    label: "POST /api/v1/targets",
    handler: targets.POST,
    method: "POST",
    target: () => ({ path: "/api/v1/targets" }),
    valid: () => targetBody("azure-app"),
    textField: "name",
    fieldCases: [
      ["a number as name", () => ({ ...targetBody("azure-app"), name: 3 }), ["name"]],
      ["an unknown kind", () => ({ ...targetBody("azure-app"), kind: canary }), ["kind"]],
      [
        "config text that is not JSON",
        () => ({ ...targetBody("azure-app"), config: notJson }),
        ["config"],
      ],
      ["no config", () => without(targetBody("azure-app"), "config"), ["config"]],
      [
        "an unknown field in config",
        () => withConfig(targetBody("azure-app"), { extra: canary }),
        ["config.extra"],
      ],
      [
        "a number as tenantId",
        () => withConfig(targetBody("azure-uami"), { tenantId: 5 }),
        ["config.tenantId"],
      ],
      [
        "a NUL in the display name",
        () => withConfig(targetBody("azure-app"), { displayName: `${canary}\u0000` }),
        ["config.displayName"],
      ],
      [
        "a string as oidcProviders",
        () => withConfig(targetBody("aws-role"), { oidcProviders: canary }),
        ["config.oidcProviders"],
      ],
      [
        "an unknown field in a provider",
        () =>
          withConfig(targetBody("aws-role"), {
            oidcProviders: [{ url: "https://gitlab.com", clientIds: ["a"], extra: 1 }],
          }),
        ["config.oidcProviders.0.extra"],
      ],
      [
        "a number in the attribute mapping",
        () => withConfig(targetBody("gcp-provider"), { attributeMapping: { "google.subject": 1 } }),
        ["config.attributeMapping.google.subject"],
      ],
      [
        "a string as disabled",
        () => withConfig(targetBody("gcp-provider"), { disabled: "no" }),
        ["config.disabled"],
      ],
    ],
  },
  {
    label: "PATCH /api/v1/targets/{id}",
    handler: targetItem.PATCH,
    method: "PATCH",
    target: itemTarget("targets", () => app.id),
    valid: () => ({ name: `${app.name} patched` }),
    textField: "name",
    fieldCases: [
      ["a kind (which never changes)", () => ({ kind: "aws-role" }), ["kind"]],
      ["a number as name", () => ({ name: 4 }), ["name"]],
      ["config text that is not JSON", () => ({ config: notJson }), ["config"]],
      [
        "an unknown field in config",
        () => ({ config: { ...app.config, extra: canary } }),
        ["config.extra"],
      ],
      [
        "a number as clientId",
        () => ({ config: { ...app.config, clientId: 7 } }),
        ["config.clientId"],
      ],
    ],
  },
];

describeBadBodies(endpoints, () => adminToken);
