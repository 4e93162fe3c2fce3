import type { IncomingMessage, ServerResponse } from "node:http";

// Credential writes being answered right now, per owner (an identity or an
// app) and overall, with the most at once since the last reset: proves a
// writer serialises one owner's writes while others run in parallel. A write
// the emulator refuses as concurrent counts too: it did overlap.

const WRITE_METHODS = new Set(["PUT", "POST", "PATCH", "DELETE"]);
const OWNER = /^(.*)\/federatedIdentityCredentials(?:\/[^/]*)?$/i;

type Level = { now: number; max: number };

export class WriteGauge {
  overall: Level = { now: 0, max: 0 };
  private owners = new Map<string, Level>();
  /** Write answers by status (409 = refused as concurrent). */
  statuses: number[] = [];

  /** The owner of a credential path with the API version prefix dropped (/v1.0 and /beta are one app). */
  private ownerOf(path: string): string | undefined {
    const owner = OWNER.exec(path)?.[1];
    return owner?.replace(/^\/(v1\.0|beta)\//, "/").toLowerCase();
  }

  track(req: IncomingMessage, res: ServerResponse, path: string) {
    const owner = this.ownerOf(path);
    if (!owner || !WRITE_METHODS.has(req.method ?? "")) return;
    const level = this.owners.get(owner) ?? { now: 0, max: 0 };
    this.owners.set(owner, level);
    for (const l of [level, this.overall]) {
      l.now += 1;
      l.max = Math.max(l.max, l.now);
    }
    // Counted out just before the answer is sent, so the client can never see
    // an answer and send its next write while this one still counts;
    // "close" covers a connection dropped without an answer.
    let ended = false;
    const end = (status: number) => {
      if (ended) return;
      ended = true;
      level.now -= 1;
      this.overall.now -= 1;
      this.statuses.push(status);
    };
    const send = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      end(res.statusCode);
      return send(...args);
    }) as ServerResponse["end"];
    res.once("close", () => end(0));
  }

  /** Most writes at once to the owner whose path ends with `suffix` (case-insensitive). */
  maxFor(suffix: string): number {
    const wanted = suffix.toLowerCase();
    return [...this.owners].find(([owner]) => owner.endsWith(wanted))?.[1].max ?? 0;
  }

  reset() {
    this.overall = { now: this.overall.now, max: this.overall.now };
    this.owners.clear();
    this.statuses = [];
  }
}
