import "server-only";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { ConnectionOf, ConnectionTestResult } from "@/lib/clouds/adapter-types";
import { withAwsClients } from "./clients";
import { explainAwsError } from "./explain";
import { listProviderArns, retried, type CallContext } from "./iam-reads";

// "Test connection": sts:GetCallerIdentity (needs no permission, so it tests
// the credentials alone), then ListOpenIDConnectProviders (tests the read
// permission import needs first).
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
export async function testAwsConnection(
  connection: ConnectionOf<"aws">,
  context: CallContext,
): Promise<ConnectionTestResult> {
  try {
    return await withAwsClients(connection, async ({ iam, sts }) => {
      const identity = await retried(context, () =>
        sts.send(new GetCallerIdentityCommand({}), { abortSignal: context.signal }),
      );
      const account = identity.Account ?? "";
      if (account !== connection.scope.accountId) {
        return {
          ok: false,
          error: {
            kind: "invalid",
            code: "FedlensAccountMismatch",
            message: `The credentials belong to account ${account}, not ${connection.scope.accountId}.`,
            cause:
              "The connection's account id and its credentials point at different AWS accounts.",
            fix: "Correct the account id, or use credentials (or a role to assume) in that account.",
            object: identity.Arn,
          },
        };
      }
      const providers = await listProviderArns(iam, context);
      const count = providers.length;
      return {
        ok: true,
        principal: identity.Arn ?? "",
        details: [
          `Account ${account}`,
          `${count} IAM OIDC provider${count === 1 ? "" : "s"} visible`,
        ],
      };
    });
  } catch (error) {
    return { ok: false, error: explainAwsError(error) };
  }
}
