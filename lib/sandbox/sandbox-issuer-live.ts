import "server-only";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { sandboxIssuerUrl } from "@/lib/sandbox/sandbox-issuer";

// Whether the sandbox runs, as the console can tell: the sandbox process
// writes where its issuer listens into FEDLENS_DATA_DIR when it starts and
// removes it when it stops, and the console asks that loopback address for
// the issuer's discovery document. A file left by a crash names a port
// nobody answers on (or someone else's), so the answer is "not running".

const liveFile = "sandbox-issuer.json";
const ZLive = z.object({ origin: z.string().regex(/^http:\/\/127\.0\.0\.1:\d{1,5}$/) }).strict();

export async function markSandboxIssuerLive(dataDir: string, origin: string): Promise<void> {
  await writeFile(path.join(dataDir, liveFile), JSON.stringify({ origin }), { mode: 0o600 });
}

export async function clearSandboxIssuerLive(dataDir: string, origin: string): Promise<void> {
  const file = path.join(dataDir, liveFile);
  // Another sandbox may have started since; its mark stays.
  const current = await readFile(file, "utf8").catch(() => "");
  if (current.includes(origin)) await rm(file, { force: true });
}

/** The running sandbox issuer's loopback origin, or null when no sandbox answers. */
export async function liveSandboxIssuerOrigin(dataDir: string): Promise<string | null> {
  let origin: string;
  try {
    const parsed = ZLive.safeParse(
      JSON.parse(await readFile(path.join(dataDir, liveFile), "utf8")),
    );
    if (!parsed.success) return null;
    origin = parsed.data.origin;
  } catch {
    return null;
  }
  try {
    const response = await fetch(`${origin}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(2_000),
      redirect: "error",
    });
    if (!response.ok) return null;
    const document = (await response.json()) as { issuer?: unknown };
    return document.issuer === sandboxIssuerUrl ? origin : null;
  } catch {
    return null;
  }
}
