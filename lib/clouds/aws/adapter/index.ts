import "server-only";
import type { AdapterConnection, CloudAdapter, ConnectionOf } from "@/lib/clouds/adapter-types";
import { ZAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import { ZAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { discoverAws } from "./discover";
import { explainAwsError } from "./explain";
import type { CallContext } from "./iam-reads";
import { readAwsTarget } from "./read-target";
import { comparableAwsCloudObject } from "./statement-spec";
import { testAwsConnection } from "./test-connection";

// The AWS adapter (read side): IAM OIDC providers and the roles that trust
// them, through @aws-sdk/client-iam and client-sts.

export function awsConnection(connection: AdapterConnection): ConnectionOf<"aws"> {
  if (connection.cloud !== "aws") throw new Error(`Not an AWS connection: ${connection.cloud}.`);
  return connection;
}

/** Tests pass a retry policy and a sleep that records instead of waiting. */
export function createAwsAdapter(
  defaults: Pick<CallContext, "policy" | "sleep"> = {},
): CloudAdapter {
  return {
    cloud: "aws",
    test: (connection, options) =>
      testAwsConnection(awsConnection(connection), { ...defaults, signal: options?.signal }),
    discover: (connection, options) =>
      discoverAws(awsConnection(connection), {
        ...defaults,
        signal: options?.signal,
        onProgress: options?.onProgress,
      }),
    readTarget: (connection, target, options) =>
      readAwsTarget(awsConnection(connection), target, { ...defaults, signal: options?.signal }),
    // The statement's Sid: how a binding's statement is found in the role's trust policy.
    bindingKey: (spec) => ZAwsBindingSpec.parse(spec).sid,
    comparableCloudObject: (spec, targetConfig) =>
      comparableAwsCloudObject(ZAwsBindingSpec.parse(spec), ZAwsRoleConfig.parse(targetConfig)),
    explain: explainAwsError,
  };
}

export const awsAdapter: CloudAdapter = createAwsAdapter();
