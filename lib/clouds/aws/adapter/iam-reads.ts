import "server-only";
import {
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  type IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListRolesCommand,
  type Role,
} from "@aws-sdk/client-iam";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import { withRetry, type RetryPolicy } from "@/lib/clouds/retry";
import type { TAwsOidcProvider } from "@/lib/clouds/aws/target-config";
import { awsRetryAfterMs, explainAwsError } from "./explain";

// The IAM reads, each through the one retry rule (lib/clouds/retry.ts).
// Calls and shapes: CLOUDS.md 2.9.

export type CallContext = {
  signal?: AbortSignal;
  policy?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export function retried<T>(context: CallContext, call: () => Promise<T>): Promise<T> {
  return withRetry(call, {
    explain: explainAwsError,
    retryAfterMs: awsRetryAfterMs,
    signal: context.signal,
    policy: context.policy,
    sleep: context.sleep,
  });
}

/** The call's answer, or null when IAM says NoSuchEntity; any other failure is thrown. */
async function unlessMissing<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof CloudCallError && error.cloudError.kind === "not-found") return null;
    throw error;
  }
}

/** ARNs only. https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOpenIDConnectProviders.html */
export async function listProviderArns(iam: IAMClient, context: CallContext): Promise<string[]> {
  const listed = await retried(context, () =>
    iam.send(new ListOpenIDConnectProvidersCommand({}), { abortSignal: context.signal }),
  );
  return (listed.OpenIDConnectProviderList ?? []).flatMap((entry) => entry.Arn ?? []);
}

/**
 * Url comes back without https:// (CLOUDS.md 2.1, 2.9); null when the
 * provider does not exist. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetOpenIDConnectProvider.html
 */
export async function readProvider(
  iam: IAMClient,
  arn: string,
  context: CallContext,
): Promise<TAwsOidcProvider | null> {
  const got = await unlessMissing(
    retried(context, () =>
      iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }), {
        abortSignal: context.signal,
      }),
    ),
  );
  if (!got) return null;
  const url = got.Url ?? "";
  return {
    url: url.startsWith("https://") ? url : `https://${url}`,
    clientIds: got.ClientIDList ?? [],
    thumbprints: (got.ThumbprintList ?? []).map((thumbprint) => thumbprint.toLowerCase()),
  };
}

/** null when the role does not exist. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html */
export async function readRole(
  iam: IAMClient,
  roleName: string,
  context: CallContext,
): Promise<Role | null> {
  const got = await unlessMissing(
    retried(context, () =>
      iam.send(new GetRoleCommand({ RoleName: roleName }), { abortSignal: context.signal }),
    ),
  );
  return got?.Role ?? null;
}

// ListRoles returns each role's trust policy (URL-encoded), so discovery
// needs no GetRole per role; the largest page (1,000) keeps round trips few.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html
const rolesPerPage = 1000;

export async function listAllRoles(
  iam: IAMClient,
  context: CallContext,
  onPage: (read: number) => void,
): Promise<Role[]> {
  const roles: Role[] = [];
  let marker: string | undefined;
  do {
    const page = await retried(context, () =>
      iam.send(new ListRolesCommand({ MaxItems: rolesPerPage, Marker: marker }), {
        abortSignal: context.signal,
      }),
    );
    roles.push(...(page.Roles ?? []));
    onPage(roles.length);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return roles;
}
