import { IamError } from "./iam-error";
import type { IamState } from "./iam-state";

// What the emulated AssumeRoleWithWebIdentity remembers per emulator state
// (a reset gives a fresh state, so both lists start empty again): what each
// call asked for, never the token itself, and the refusals a test arms for
// conditions the emulator does not model (the IdP's own verdict, a region's
// STS activation).

export type IssuedCredential = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
};

export type WebIdentityCall = {
  roleArn: string | null;
  roleSessionName: string | null;
  /** As received; null when the call left it out (STS then uses 3600). */
  durationSeconds: number | null;
  /** The inline session policy as received. */
  policy: string | null;
  policyArns: string[];
  /** The token's iss and sub when it could be decoded (the token is not kept). */
  issuer?: string;
  subject?: string;
  /** Whether the request carried a SigV4 Authorization header (the call needs none). */
  signed: boolean;
  /** "ok", or the STS error code answered. */
  outcome: string;
  /** What STS handed out, so a test can compute the fingerprint it expects. */
  credential?: IssuedCredential;
};

export type ArmedRefusal = "IDPRejectedClaim" | "RegionDisabledException";

type Memory = { calls: WebIdentityCall[]; refusals: ArmedRefusal[] };

const memories = new WeakMap<IamState, Memory>();

function memoryOf(state: IamState): Memory {
  let memory = memories.get(state);
  if (!memory) {
    memory = { calls: [], refusals: [] };
    memories.set(state, memory);
  }
  return memory;
}

/** Every AssumeRoleWithWebIdentity call the state's emulator answered, in order. */
export function webIdentityCalls(state: IamState): WebIdentityCall[] {
  return memoryOf(state).calls;
}

/** The next call (with a verified token) is refused with `code`. */
export function armWebIdentityRefusal(state: IamState, code: ArmedRefusal): void {
  memoryOf(state).refusals.push(code);
}

// IDPRejectedClaim (403): "The identity provider (IdP) reported that
// authentication failed. This might be because the claim is invalid."
// RegionDisabledException (403): STS is not activated in the requested region.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors
export function takeArmedRefusal(state: IamState, accountId: string): IamError | undefined {
  const code = memoryOf(state).refusals.shift();
  if (code === "IDPRejectedClaim") {
    return new IamError(
      code,
      403,
      "The identity provider (IdP) reported that authentication failed. This might be because the claim is invalid.",
    );
  }
  if (code === "RegionDisabledException") {
    return new IamError(
      code,
      403,
      `STS is not activated in this region for account:${accountId}. Your account administrator can activate STS in this region using the IAM Console.`,
    );
  }
  return undefined;
}
