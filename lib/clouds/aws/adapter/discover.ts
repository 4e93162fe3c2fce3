import "server-only";
import type {
  CloudError,
  ConnectionOf,
  DiscoverProgress,
  DiscoverResult,
} from "@/lib/clouds/adapter-types";
import type { TAwsOidcProvider } from "@/lib/clouds/aws/target-config";
import { withAwsClients } from "./clients";
import { mapLimited } from "@/lib/map-limited";
import { explainAwsError } from "./explain";
import { listAllRoles, listProviderArns, readProvider, type CallContext } from "./iam-reads";
import { roleTarget } from "./role-target";
import { decodeTrustPolicy, invalidTargetError, unreadablePolicyError } from "./trust-document";
import { webIdentityProvider } from "./web-identity";

// Import's read: every IAM OIDC provider of the account, then every role
// (ListRoles, paginated) whose trust policy grants web identity through one of
// them. One object that cannot be read is reported and the rest goes on.

/** Calls in flight at once: IAM throttles per account, so keep it small. */
const parallelReads = 4;

type ProviderRead = { arn: string; provider?: TAwsOidcProvider; error?: CloudError };

export async function discoverAws(
  connection: ConnectionOf<"aws">,
  context: CallContext & { onProgress?: DiscoverProgress },
): Promise<DiscoverResult> {
  const progress = context.onProgress ?? (() => {});
  const { accountId } = connection.scope;
  return withAwsClients(connection, async ({ iam }) => {
    const arns = await listProviderArns(iam, context);
    progress({ read: 0, total: arns.length, message: `Reading ${arns.length} OIDC providers` });
    const reads = await mapLimited(arns, parallelReads, async (arn): Promise<ProviderRead> => {
      try {
        const provider = await readProvider(iam, arn, context);
        return provider ? { arn, provider } : { arn };
      } catch (error) {
        return { arn, error: explainAwsError(error) };
      }
    });
    const providers = new Map(reads.flatMap((r) => (r.provider ? [[r.arn, r.provider]] : [])));
    const unreadable = new Map(reads.flatMap((r) => (r.error ? [[r.arn, r.error]] : [])));
    const result: DiscoverResult = {
      targets: [],
      errors: [...unreadable].map(([arn, error]) => ({
        object: arn,
        error: { ...error, object: arn },
      })),
    };

    const roles = await listAllRoles(iam, context, (read) =>
      progress({ read, message: `Read ${read} roles` }),
    );
    for (const role of roles) {
      const decoded = decodeTrustPolicy(role.AssumeRolePolicyDocument);
      const object = role.Arn ?? role.RoleName ?? "";
      if (!decoded.ok) {
        result.errors.push({ object, error: unreadablePolicyError(decoded.message, object) });
        continue;
      }
      const named = decoded.statements.flatMap((s) => webIdentityProvider(s) ?? []);
      // A role trusting a provider Fedlens could not read cannot be described.
      const blocked = named.find((arn) => unreadable.has(arn));
      if (blocked) {
        const error = unreadable.get(blocked) as CloudError;
        result.errors.push({ object, error: { ...error, object } });
        continue;
      }
      if (!named.some((arn) => providers.has(arn))) continue;
      const read = roleTarget(
        accountId,
        { name: role.RoleName ?? "", path: role.Path ?? "/", statements: decoded.statements },
        providers,
      );
      if (read.configIssue) {
        result.errors.push({ object, error: invalidTargetError(read.configIssue, object) });
        continue;
      }
      result.targets.push(read.target);
    }
    progress({
      read: roles.length,
      total: roles.length,
      message: `Found ${result.targets.length} roles that trust an OIDC provider`,
    });
    return result;
  });
}
