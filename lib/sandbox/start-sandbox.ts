import "server-only";
import type { Cloud } from "@/lib/clouds/types";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type { MasterKeyring } from "@/lib/secrets/master-keyring";
import { seedAwsSandbox } from "@/lib/sandbox/aws-estate";
import { seedAzureSandbox } from "@/lib/sandbox/azure-estate";
import { readDemoEstate } from "@/lib/sandbox/demo-estate";
import {
  startSandboxEmulators,
  stopSandboxEmulators,
  type SandboxEmulators,
} from "@/lib/sandbox/emulators";
import { seedGcpSandbox } from "@/lib/sandbox/gcp-estate";
import { linkDemoTargets, type SandboxLink } from "@/lib/sandbox/link-demo-targets";
import { sandboxConnectionSpecs } from "@/lib/sandbox/sandbox-credentials";
import {
  upsertSandboxConnections,
  type SandboxConnectionsResult,
} from "@/lib/sandbox/sandbox-connections";
import { sandboxAwsScope, sandboxAzureScope, sandboxGcpScope } from "@/lib/sandbox/sandbox-scopes";

// One start of the sandbox: emulators up on loopback, filled with the demo
// estate (plus its unmanaged and drifted objects), the Sandbox connections
// pointed at them with a secret made for this start, and the demo targets
// linked. The handle is also the test hook: tests change the emulators'
// state through it.

export type Sandbox = SandboxEmulators & {
  connections: SandboxConnectionsResult;
  linkedTargets: number;
  close(): Promise<void>;
};

/** The tenant, account and project each Sandbox connection reaches, as targets name theirs. */
function sandboxScopes(): Record<Cloud, string> {
  return {
    azure: sandboxAzureScope().tenantId,
    aws: sandboxAwsScope().accountId,
    gcp: sandboxGcpScope().projectNumber,
  };
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
    seedGcpSandbox(emulators.gcp, estate, sandboxGcpScope());
    const connections = await upsertSandboxConnections(sandboxConnectionSpecs(emulators), {
      db,
      keyring,
    });
    const scopes = sandboxScopes();
    const links: Partial<Record<Cloud, SandboxLink>> = {};
    for (const [cloud, connectionId] of Object.entries(connections.ids) as [Cloud, string][]) {
      links[cloud] = { connectionId, scope: scopes[cloud] };
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
