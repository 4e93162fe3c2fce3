import { randomBytes } from "node:crypto";

/**
 * An access key id in AWS's shape (AKIA + 16 upper-case characters), made up
 * per run so no key-shaped literal is committed.
 */
export function fakeAccessKeyId(): string {
  return `AKIA${randomBytes(8).toString("hex").toUpperCase()}`;
}
