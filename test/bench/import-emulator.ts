// The Azure emulator for the import bench, in a process of its own: it
// stands in for a remote cloud, so its own work (TLS, JSON, the latency
// timers) must not run on the event loop of the adapter being measured.
// `import.bench.ts` forks this file and talks to it over IPC.
import { randomBytes, randomUUID } from "node:crypto";
import { startAzureEmulator } from "@/test/emulators/azure/server";

const shape = { identities: 50, ficsPerIdentity: 20, latencyMs: 25 };

export type EmulatorReady = {
  type: "ready";
  shape: typeof shape;
  endpoint: string;
  ca: string;
  tenantId: string;
  subscriptionId: string;
  clientId: string;
  clientSecret: string;
};
export type EmulatorRequest = { type: "count" | "reset" | "stop" };
export type EmulatorCount = { type: "count"; requests: number };

async function main(): Promise<void> {
  const { identities, ficsPerIdentity, latencyMs } = shape;
  // A FIC list fits one page (ARM allows 20 per identity); identities come 20 a page.
  const emulator = await startAzureEmulator({ pageSize: ficsPerIdentity });
  const tenantId = randomUUID();
  const subscriptionId = randomUUID();
  for (let i = 0; i < identities; i += 1) {
    const id = emulator.store.addIdentity(subscriptionId, `rg-bench-${i % 5}`, `id-bench-${i}`);
    for (let f = 0; f < ficsPerIdentity; f += 1) {
      emulator.store.seedFic(id, {
        name: `fic-${i}-${f}`,
        properties: {
          issuer: "https://token.actions.githubusercontent.com",
          subject: `repo:contoso/service-${i}:environment:env-${f}`,
          audiences: ["api://AzureADTokenExchange"],
        },
      });
    }
  }
  emulator.faults.add({ kind: "latency", ms: latencyMs });
  const client = emulator.entra.addClient({
    tenantId,
    clientId: randomUUID(),
    secret: randomBytes(24).toString("base64url"),
  });
  process.on("message", (message: EmulatorRequest) => {
    if (message.type === "reset") emulator.requests.length = 0;
    if (message.type === "stop") {
      void emulator.close().then(() => process.exit(0));
      return;
    }
    process.send?.({ type: "count", requests: emulator.requests.length } satisfies EmulatorCount);
  });
  process.send?.({
    type: "ready",
    shape,
    endpoint: emulator.endpoint,
    ca: emulator.ca,
    tenantId,
    subscriptionId,
    clientId: client.clientId,
    clientSecret: client.secret,
  } satisfies EmulatorReady);
}

void main();
