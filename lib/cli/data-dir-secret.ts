import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export type DataDirSecret = "auth-secret" | "audit-key" | "secret-key";

async function readSecret(file: string): Promise<string | null> {
  try {
    const existing = (await readFile(file, "utf8")).trim();
    return existing.length >= 32 ? existing : null;
  } catch {
    return null;
  }
}

/**
 * A secret that is not configured: 48 random bytes generated on first use and
 * kept beside the embedded data (NEXTAUTH_SECRET, FEDLENS_AUDIT_KEY, FEDLENS_SECRET_KEY).
 */
export async function ensureDataDirSecret(dataDir: string, name: DataDirSecret): Promise<string> {
  const file = path.join(dataDir, name);
  const existing = await readSecret(file);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  try {
    // `wx`: two processes starting together must end up with the same secret.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    const raced = await readSecret(file);
    if (raced) return raced;
    // A file too short to be a secret: replace it, as before.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}
