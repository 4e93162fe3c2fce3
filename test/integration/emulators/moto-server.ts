// Runs moto's standalone server (pip `moto[server]`) as a second, independent
// IAM and STS backend for the emulator's cross-check, over https with a
// certificate from a CA made per run (moto_server's --ssl-cert/--ssl-key).
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, fetch } from "undici";
import { createEmulatorTls } from "@/test/emulators/azure/tls";

export type MotoServer = { url: string; ca: string; reset(): Promise<void>; stop(): Promise<void> };

export function isMotoInstalled(): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, "moto_server"), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilAnswering(url: string, child: ChildProcess, dispatcher: Agent) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/moto-api/`, { dispatcher });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error("moto_server did not answer within 20 s");
}

export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const tls = await createEmulatorTls();
  const dir = await mkdtemp(path.join(tmpdir(), "fedlens-moto-"));
  const certFile = path.join(dir, "cert.pem");
  const keyFile = path.join(dir, "key.pem");
  await writeFile(certFile, tls.cert);
  await writeFile(keyFile, tls.key, { mode: 0o600 });
  const child = spawn(
    "moto_server",
    ["-H", "127.0.0.1", "-p", String(port), "-c", certFile, "-k", keyFile],
    { stdio: "ignore" },
  );
  const url = `https://127.0.0.1:${port}`;
  const dispatcher = new Agent({ connect: { ca: tls.ca } });
  await waitUntilAnswering(url, child, dispatcher);
  return {
    url,
    ca: tls.ca,
    // Clears every backend's state. http://docs.getmoto.org/en/latest/docs/server_mode.html#reset-api
    async reset() {
      const response = await fetch(`${url}/moto-api/reset`, { method: "POST", dispatcher });
      if (!response.ok) throw new Error(`moto reset answered ${response.status}`);
    },
    async stop() {
      await dispatcher.close();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
