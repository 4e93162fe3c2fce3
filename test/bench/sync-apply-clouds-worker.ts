// The apply bench's three emulators, in a worker thread of their own (see
// sync-apply-remote-clouds.ts): started and seeded here, then answering the
// bench's few questions about them by message.
import { parentPort } from "node:worker_threads";
import { cloudState, startClouds, tallies } from "./sync-apply-clouds";
import type { CloudsRequest } from "./sync-apply-remote-clouds";

const port = parentPort!;
const clouds = await startClouds();
const { azureParents, roleNames, serviceAccounts, connections } = clouds;
port.postMessage({ id: 0, result: { azureParents, roleNames, serviceAccounts, connections } });

port.on("message", (request: CloudsRequest) => {
  void (async () => {
    if (request.kind === "clearLogs") return clouds.clearLogs();
    if (request.kind === "tallies") return tallies(clouds);
    if (request.kind === "state") return cloudState(clouds);
    await clouds.stop();
  })().then(
    (result) => port.postMessage({ id: request.id, result }),
    (error: unknown) => port.postMessage({ id: request.id, error: String(error) }),
  );
});
