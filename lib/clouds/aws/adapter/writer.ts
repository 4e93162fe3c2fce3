import "server-only";
import type { CloudWriter } from "@/lib/clouds/adapter-types";
import { awsConnection } from "./index";
import type { CallContext } from "./iam-reads";
import { applyAwsChange } from "./write-apply";
import { describeAwsChange } from "./write-describe";

// The AWS adapter's write half: one trust statement (by Sid) of a role,
// read-modify-written with every other statement kept, after ensuring the
// OIDC provider it names. See write-apply.ts.

/** Tests pass a retry policy and a sleep that records instead of waiting. */
export function createAwsWriter(defaults: Pick<CallContext, "policy" | "sleep"> = {}): CloudWriter {
  return {
    describeChange: describeAwsChange,
    applyChange: (connection, target, change, options) =>
      applyAwsChange(awsConnection(connection), target, change, {
        ...defaults,
        signal: options?.signal,
      }),
  };
}

export const awsWriter: CloudWriter = createAwsWriter();
