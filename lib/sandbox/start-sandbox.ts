import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Cloud } from "@/lib/clouds/types";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type { MasterKeyring } from "@/lib/secrets/master-keyring";
import { SecretValue } from "@/lib/secrets/secret-value";
import { seedAwsSandbox } from "@/lib/sandbox/aws-estate";
import { seedAzureSandbox } from "@/lib/sandbox/azure-estate";
import { readDemoEstate } from "@/lib/sandbox/demo-estate";
import {
  startSandboxEmulators,
  stopSandboxEmulators,
  type SandboxEmulators,
} from "@/lib/sandbox/emulators";
import { linkDemoTargets, type SandboxLink } from "@/lib/sandbox/link-demo-targets";
import {
  upsertSandboxConnections,
  type SandboxConnectionSpec,
  type SandboxConnectionsResult,
} from "@/lib/sandbox/sandbox-connections";
import { sandboxAwsScope, sandboxAzureScope } from "@/lib/sandbox/sandbox-scopes";

// One start of the sandbox: emulators up on loopback, filled with the demo
// estate (plus its unmanaged and drifted objects), the Sandbox connections
// pointed at them with a secret made for this start, and the demo targets
// linked. The handle is also the test hook: tests change the emulators'
// state through it.

export const sandboxConnectionNames: Record<Cloud, string> = {
  azure: "Sandbox Azure",
  aws: "Sandbox AWS",
  gcp: "Sandbox GCP",
};

export type Sandbox = SandboxEmulators & {
  connections: SandboxConnectionsResult;
  linkedTargets: number;
  close(): Promise<void>;
};

const generatedSecret = () => new SecretValue(randomBytes(32).toString("base64url"));

function connectionSpecs(emulators: SandboxEmulators): SandboxConnectionSpec[] {
  const { azure, aws } = emulators;
  const azureScope = sandboxAzureScope();
  const azureClient = azure.entra.addClient({
    tenantId: azureScope.tenantId,
    clientId: randomUUID(),
    secret: generatedSecret().reveal(),
  });
  return [
    {
      name: sandboxConnectionNames.azure,
      cloud: "azure",
      scope: azureScope,
      endpoints: {
        azureResourceManager: azure.endpoint,
        azureAuthorityHost: azure.endpoint,
        azureGraph: azure.endpoint,
      },
      caBundle: azure.ca,
      secret: {
        kind: "azure-client-secret",
        clientId: azureClient.clientId,
        clientSecret: new SecretValue(azureClient.secret),
      },
    },
    {
      name: sandboxConnectionNames.aws,
      cloud: "aws",
      scope: sandboxAwsScope(),
      endpoints: { awsEndpoint: aws.url },
      caBundle: aws.ca,
      secret: {
        kind: "aws-access-key",
        accessKeyId: aws.accessKeyId,
        secretAccessKey: generatedSecret(),
      },
    },
  ];
}

export async function startSandbox({
  keyring,
  db = getDb(),
}: {
  keyring: MasterKeyring;
  db?: DbOrTx;
}): Promise<Sandbox> {
  const estate = await readDemoEstate(db);
  const emulators = await startSandboxEmulators();
  try {
    seedAzureSandbox(emulators.azure, estate, sandboxAzureScope());
    seedAwsSandbox(emulators.aws, estate, sandboxAwsScope());
    const specs = connectionSpecs(emulators);
    const connections = await upsertSandboxConnections(specs, { db, keyring });
    const links: Partial<Record<Cloud, SandboxLink>> = {};
    const scopes: Record<string, string> = {
      azure: sandboxAzureScope().tenantId,
      aws: sandboxAwsScope().accountId,
    };
    for (const [cloud, connectionId] of Object.entries(connections.ids) as [Cloud, string][]) {
      const scope = scopes[cloud];
      if (scope) links[cloud] = { connectionId, scope };
    }
    const sandboxIds = await db.cloudConnection.findMany({
      where: { sandbox: true },
      select: { id: true },
    });
    const linkedTargets = await linkDemoTargets(estate, links, {
      db,
      sandboxConnectionIds: new Set(sandboxIds.map((row) => row.id)),
    });
    return {
      ...emulators,
      connections,
      linkedTargets,
      close: () => stopSandboxEmulators(emulators),
    };
  } catch (error) {
    await stopSandboxEmulators(emulators);
    throw error;
  }
}
