import "server-only";
import type { CloudWriter } from "@/lib/clouds/adapter-types";
import { awsConnection } from "./index";
import { applyAwsChange, type WriteContext } from "./write-apply";
import { describeAwsChange } from "./write-describe";

// The AWS adapter's write half: one trust statement (by Sid) of a role,
// read-modify-written with every other statement kept, after ensuring the
// OIDC provider it names. See write-apply.ts.

/**
 * Tests pass a retry policy and a sleep that records instead of waiting; a
 * bench or an account with a raised quota passes its trust policy quota.
 */
export function createAwsWriter(
  defaults: Pick<WriteContext, "policy" | "sleep" | "trustPolicyQuota"> = {},
): CloudWriter {
  return {
    describeChange: describeAwsChange,
    // One trust policy per role: the target is the role.
    serialKey: (target) => target.externalId,
    applyChange: (connection, target, change, options) =>
      applyAwsChange(awsConnection(connection), target, change, {
        ...defaults,
        signal: options?.signal,
      }),
  };
}

export const awsWriter: CloudWriter = createAwsWriter();
