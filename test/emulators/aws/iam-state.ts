import { randomBytes } from "node:crypto";

export const ACCOUNT_ID = "123456789012";

export type OidcProvider = {
  arn: string;
  url: string;
  clientIds: string[];
  thumbprints: string[];
  createDate: Date;
};

export type Role = {
  name: string;
  id: string;
  arn: string;
  path: string;
  policy: string;
  description?: string;
  maxSessionDuration: number;
  createDate: Date;
};

/** What the emulated account holds; tests may read and change it directly. */
export type IamState = {
  providers: Map<string, OidcProvider>;
  roles: Map<string, Role>;
};

export function createIamState(): IamState {
  return { providers: new Map(), roles: new Map() };
}

// Role ids start with AROA followed by 17 upper-case alphanumerics.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
export function newRoleId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(17);
  return `AROA${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}
