import "server-only";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The embedded default: PGlite (Postgres compiled to WASM) served on a
// loopback port over the Postgres wire protocol, so the app, the CLI and the
// migration runner talk to it exactly as they talk to a real server.

export type EmbeddedDatabase = { url: string; dataDir: string; stop: () => Promise<void> };

type Marker = { pid: number; url: string };

function markerPath(dataDir: string) {
  return path.join(dataDir, "embedded.json");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The URL of an embedded database another Fedlens process is serving, if any. */
export async function findRunningEmbedded(dataDir: string): Promise<string | null> {
  try {
    const marker = JSON.parse(await readFile(markerPath(dataDir), "utf8")) as Marker;
    return marker.pid !== process.pid && isAlive(marker.pid) ? marker.url : null;
  } catch {
    return null;
  }
}

export async function startEmbedded(dataDir: string): Promise<EmbeddedDatabase> {
  const running = await findRunningEmbedded(dataDir);
  if (running) {
    throw new Error(
      `The embedded database in ${dataDir} is already served by another Fedlens process (${running}); stop it or set DATABASE_URL.`,
    );
  }
  const pgdata = path.join(dataDir, "pgdata");
  await mkdir(pgdata, { recursive: true });
  const db = await PGlite.create(pgdata, { extensions: { pg_trgm } });
  // A few sockets so that the CLI can reach the database while the console
  // runs; pglite-socket serialises their queries onto the one PGlite backend.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 8 });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres`;
  await writeFile(markerPath(dataDir), JSON.stringify({ pid: process.pid, url } satisfies Marker));
  let stopped = false;
  return {
    url,
    dataDir: pgdata,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      await rm(markerPath(dataDir), { force: true });
    },
  };
}
