import { createHash, randomBytes } from "node:crypto";

// `fl_` + 32 random bytes. The prefix lets secret scanners and our log
// scrubber recognise a leaked token; only its SHA-256 is stored.
export const tokenPattern = /^fl_[A-Za-z0-9_-]{43}$/;

export function generateTokenSecret(): string {
  return `fl_${randomBytes(32).toString("base64url")}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** What lists show so a user can tell tokens apart: `fl_Ab12Cd…`. */
export function tokenDisplayPrefix(secret: string): string {
  return secret.slice(0, 9);
}
