// The catalogue of the apply bench, written through the same use-cases as
// the API (connections with their sealed secrets, targets, workloads,
// bindings): one connection per cloud, a target per Azure identity and per
// AWS role, one GCP provider whose bindings grant on ten service accounts.
// Imported once the environment is set (app modules read it when loaded).
import { randomUUID } from "node:crypto";
import { createTarget } from "@/lib/catalog/targets/create-target";
import { createConnection } from "@/lib/connections/create-connection";
import { ZConnectionCreateInput } from "@/lib/schemas/connection";
import { ZTargetCreateInput } from "@/lib/schemas/target";
import type { TargetKind } from "@/lib/clouds/types";
import {
  awsSpec,
  azureSpec,
  createTestBinding,
  createTestWorkload,
  gcpSpec,
} from "@/test/factories/catalog";
import type { TestUser } from "@/test/factories/users";
import {
  AWS_ACCOUNT,
  AWS_CLIENT_ID,
  GCP_CONDITION,
  GCP_MAPPING,
  GCP_POOL,
  GCP_PROJECT,
  GCP_PROVIDER,
  GITHUB,
  RESOURCE_GROUP,
  shape,
  SUBSCRIPTION,
  TENANT,
  THUMBPRINT,
} from "./sync-apply-clouds";
import type { CloudSeed } from "./sync-apply-remote-clouds";

export type Catalogue = { connections: Record<"azure" | "aws" | "gcp", string>; bindings: number };

const caller = (admin: TestUser) => ({ actor: admin.actor, requestId: randomUUID() });

async function addConnection(admin: TestUser, name: string, body: object) {
  const input = ZConnectionCreateInput.parse({ name, ...body });
  return (await createConnection({ ...caller(admin), input })).id;
}

async function addTarget(
  admin: TestUser,
  kind: TargetKind,
  name: string,
  config: object,
  connectionId: string,
) {
  const input = ZTargetCreateInput.parse({ name, kind, config, connectionId });
  return createTarget({ ...caller(admin), input });
}

/** Workload `n`: a GitHub environment of its own repository (one subject per binding on a parent). */
function workload(n: number) {
  return createTestWorkload({
    name: `bench workload ${n}`,
    subjectSpec: {
      kind: "github",
      owner: "acme",
      repo: `service-${n}`,
      trigger: "environment",
      name: "prod",
    },
  });
}

type Workload = Awaited<ReturnType<typeof workload>>;

export async function buildCatalogue(admin: TestUser, clouds: CloudSeed): Promise<Catalogue> {
  const connections = {
    azure: await addConnection(admin, "bench azure", clouds.connections.azure),
    aws: await addConnection(admin, "bench aws", clouds.connections.aws),
    gcp: await addConnection(admin, "bench gcp", clouds.connections.gcp),
  };
  // 500 workloads: each Azure binding has its own; the AWS and GCP bindings
  // reuse them (a workload trusted by several clouds, as in a real estate).
  const perAzure = shape.azure.perIdentity;
  const workloads: Workload[] = [];
  for (let n = 0; n < shape.azure.identities * perAzure; n += 1) workloads.push(await workload(n));
  const at = (n: number) => workloads[n % workloads.length] as Workload;
  let bindings = 0;

  for (const [i, parent] of clouds.azureParents.entries()) {
    const target = await addTarget(
      admin,
      "azure-uami",
      `bench ${parent.name}`,
      {
        tenantId: TENANT,
        subscriptionId: SUBSCRIPTION,
        resourceGroup: RESOURCE_GROUP,
        identityName: parent.name,
        clientId: parent.clientId,
        principalId: parent.principalId,
      },
      connections.azure,
    );
    for (let f = 0; f < perAzure; f += 1) {
      const w = at(i * perAzure + f);
      await createTestBinding({
        workload: w,
        target,
        spec: azureSpec(w, { name: `fic-bench-${i}-${f}` }),
      });
      bindings += 1;
    }
  }

  for (const [r, roleName] of clouds.roleNames.entries()) {
    const target = await addTarget(
      admin,
      "aws-role",
      `bench ${roleName}`,
      {
        accountId: AWS_ACCOUNT,
        roleName,
        path: "/",
        oidcProviders: [{ url: GITHUB, clientIds: [AWS_CLIENT_ID], thumbprints: [THUMBPRINT] }],
      },
      connections.aws,
    );
    for (let s = 0; s < shape.aws.perRole; s += 1) {
      const w = at(r * shape.aws.perRole + s);
      await createTestBinding({ workload: w, target, spec: awsSpec(w, { sid: `Bench${r}x${s}` }) });
      bindings += 1;
    }
  }

  const provider = await addTarget(
    admin,
    "gcp-provider",
    "bench github provider",
    {
      projectNumber: GCP_PROJECT.projectNumber,
      poolId: GCP_POOL,
      providerId: GCP_PROVIDER,
      issuerUri: GITHUB,
      allowedAudiences: [],
      attributeMapping: GCP_MAPPING,
      attributeCondition: GCP_CONDITION,
      disabled: false,
      serviceAccountEmail: clouds.serviceAccounts[0],
    },
    connections.gcp,
  );
  const firstGcp = shape.aws.roles * shape.aws.perRole;
  for (const [s, email] of clouds.serviceAccounts.entries()) {
    for (let g = 0; g < shape.gcp.perAccount; g += 1) {
      const w = at(firstGcp + s * shape.gcp.perAccount + g);
      const spec = gcpSpec({
        name: `grant-bench-${s}-${g}`,
        serviceAccountEmail: email,
        memberKind: "subject",
      });
      await createTestBinding({ workload: w, target: provider, spec });
      bindings += 1;
    }
  }
  return { connections, bindings };
}
