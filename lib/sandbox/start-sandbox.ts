import "server-only";
import path from "node:path";
import type { Cloud } from "@/lib/clouds/types";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
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
import { ensureSandboxIssuerCatalogue } from "@/lib/sandbox/sandbox-issuer-catalogue";
import { ensureSandboxIssuerKey } from "@/lib/sandbox/sandbox-issuer-key";
import {
  startSandboxIssuerServer,
  type SandboxIssuerServer,
} from "@/lib/sandbox/sandbox-issuer-server";
import {
  upsertSandboxConnections,
  type SandboxConnectionsResult,
} from "@/lib/sandbox/sandbox-connections";
import { sandboxAwsScope, sandboxAzureScope, sandboxGcpScope } from "@/lib/sandbox/sandbox-scopes";

// One start of the sandbox: the Sandbox issuer (its key, its catalogue
// entries, its discovery and keys on loopback), emulators up on loopback
// reading that issuer, filled with the demo estate and the issuer's
// bindings (plus the unmanaged and drifted objects), the Sandbox connections
// pointed at them with a secret made for this start, and the demo targets
// linked. The handle is also the test hook: tests change the emulators'
// state through it.

export type Sandbox = SandboxEmulators & {
  /** catalogueId is null when an issuer of the operator's holds the Sandbox issuer's name. */
  issuer: SandboxIssuerServer & { catalogueId: string | null };
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

async function startIssuer(db: DbOrTx, dataDir: string) {
  const key = await ensureSandboxIssuerKey(dataDir);
  const catalogue = await ensureSandboxIssuerCatalogue(db, key);
  const server = await startSandboxIssuerServer(key, dataDir);
  return { ...server, catalogueId: catalogue.issuerId };
}

export async function startSandbox({
  keyring,
  db = getDb(),
  dataDir = path.resolve(getEnv().FEDLENS_DATA_DIR),
}: {
  keyring: MasterKeyring;
  db?: DbOrTx;
  /** Where the Sandbox issuer's key and its running mark are kept. */
  dataDir?: string;
}): Promise<Sandbox> {
  const issuer = await startIssuer(db, dataDir);
  const estate = await readDemoEstate(db);
  let emulators: SandboxEmulators;
  try {
    emulators = await startSandboxEmulators({ fetchJson: issuer.fetchJson });
  } catch (error) {
    await issuer.close();
    throw error;
  }
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
      issuer,
      connections,
      linkedTargets,
      close: async () => {
        await stopSandboxEmulators(emulators);
        await issuer.close();
      },
    };
  } catch (error) {
    await stopSandboxEmulators(emulators);
    await issuer.close();
    throw error;
  }
}
