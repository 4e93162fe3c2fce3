import { randomBytes } from "node:crypto";
import { TRUST_POLICY_QUOTA } from "./iam-trust-policy";

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

/** Temporary credentials STS handed out (AssumeRole), by access key id. */
export type Session = {
  arn: string;
  userId: string;
  sessionToken: string;
  expiration: Date;
};

/** What the emulated account holds; tests may read and change it directly. */
export type IamState = {
  /** The IAM user whose long-term key signs the tests' calls. */
  user: { accessKeyId: string; arn: string; userId: string };
  providers: Map<string, OidcProvider>;
  roles: Map<string, Role>;
  sessions: Map<string, Session>;
  /** Role trust policy length quota (2,048 by default; an account may raise it to 4,096). */
  trustPolicyQuota: number;
};

// Unique ids: 4-letter prefix (AIDA user, AROA role, ASIA temporary key) and
// upper-case alphanumerics.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
export function newUniqueId(prefix: string, length = 17): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(length);
  return `${prefix}${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}

export function newRoleId(): string {
  return newUniqueId("AROA");
}

export function createIamState(accessKeyId: string): IamState {
  return {
    user: {
      accessKeyId,
      arn: `arn:aws:iam::${ACCOUNT_ID}:user/fedlens`,
      userId: newUniqueId("AIDA"),
    },
    providers: new Map(),
    roles: new Map(),
    sessions: new Map(),
    trustPolicyQuota: TRUST_POLICY_QUOTA,
  };
}
