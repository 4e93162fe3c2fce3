import "server-only";
import type { CatalogTargetRef, ConnectionOf, TargetRead } from "@/lib/clouds/adapter-types";
import { oidcProviderArn } from "@/lib/clouds/aws/ids";
import { ZAwsRoleConfig, type TAwsOidcProvider } from "@/lib/clouds/aws/target-config";
import { withAwsClients } from "./clients";
import { mapLimited } from "@/lib/map-limited";
import { explainAwsError } from "./explain";
import { readProvider, readRole, type CallContext } from "./iam-reads";
import { roleTarget } from "./role-target";
import { decodeTrustPolicy, invalidTargetError, unreadablePolicyError } from "./trust-document";
import { webIdentityProvider } from "./web-identity";

// Drift's read of one role: GetRole, then the OIDC providers the catalogue
// names and those the trust policy names. Only NoSuchEntity on the role is
// "missing"; a denied, throttled or failed read is "unreadable", never missing
// (SECURITY.md 4.1, 4.5).

const parallelReads = 4;

export async function readAwsTarget(
  connection: ConnectionOf<"aws">,
  ref: CatalogTargetRef,
  context: CallContext,
): Promise<TargetRead> {
  const parsed = ZAwsRoleConfig.safeParse(ref.config);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "The target's settings are not valid.";
    return { state: "unreadable", error: invalidTargetError(message, ref.externalId) };
  }
  const config = parsed.data;
  try {
    return await withAwsClients(connection, async ({ iam }) => {
      const role = await readRole(iam, config.roleName, context);
      if (!role) return { state: "missing" };
      const decoded = decodeTrustPolicy(role.AssumeRolePolicyDocument);
      if (!decoded.ok) {
        return { state: "unreadable", error: unreadablePolicyError(decoded.message, role.Arn) };
      }
      const catalogued = config.oidcProviders.map((p) => oidcProviderArn(config.accountId, p.url));
      const prefix = `arn:aws:iam::${config.accountId}:oidc-provider/`;
      const named = decoded.statements
        .flatMap((statement) => webIdentityProvider(statement) ?? [])
        .filter((arn) => arn.startsWith(prefix));
      const arns = [...new Set([...catalogued, ...named])];
      const found = await mapLimited(arns, parallelReads, (arn) => readProvider(iam, arn, context));
      const providers = new Map<string, TAwsOidcProvider>();
      arns.forEach((arn, index) => {
        const provider = found[index];
        if (provider) providers.set(arn, provider);
      });
      const read = roleTarget(
        config.accountId,
        {
          name: role.RoleName ?? config.roleName,
          path: role.Path ?? "/",
          statements: decoded.statements,
        },
        providers,
        catalogued.filter((arn) => providers.has(arn)),
      );
      return { state: "found", target: read.target };
    });
  } catch (error) {
    return { state: "unreadable", error: { ...explainAwsError(error), object: ref.externalId } };
  }
}
