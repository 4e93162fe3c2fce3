import { z } from "zod";
import {
  roleArn,
  ZAwsAccountId,
  ZClientIdList,
  ZIamPath,
  ZIamRoleName,
  ZOidcProviderUrl,
  ZThumbprintList,
} from "@/lib/clouds/aws/ids";

// An IAM role plus the account's IAM OIDC providers its trust policy may name
// (CLOUDS.md 2.1: one provider per URL per account; the role's statements
// reference them by ARN in Principal.Federated).

export const ZAwsOidcProvider = z
  .object({
    url: ZOidcProviderUrl,
    clientIds: ZClientIdList,
    thumbprints: ZThumbprintList.default([]),
  })
  .strict();
export type TAwsOidcProvider = z.infer<typeof ZAwsOidcProvider>;

export const ZAwsRoleConfig = z
  .object({
    accountId: ZAwsAccountId,
    roleName: ZIamRoleName,
    path: ZIamPath.default("/"),
    oidcProviders: z
      .array(ZAwsOidcProvider)
      .min(1, "add the IAM OIDC provider the role trusts")
      // IAM allows 100 providers per account (CLOUDS.md 2.1).
      .max(100, "an account holds at most 100 OIDC providers")
      .superRefine((providers, ctx) => {
        const seen = new Set<string>();
        providers.forEach((provider, index) => {
          if (seen.has(provider.url)) {
            ctx.addIssue({
              code: "custom",
              path: [index, "url"],
              message: "an account has one provider per URL",
            });
          }
          seen.add(provider.url);
        });
      }),
  })
  .strict();
export type TAwsRoleConfig = z.infer<typeof ZAwsRoleConfig>;

export function awsRoleIdentity(config: TAwsRoleConfig) {
  return {
    externalId: roleArn(config.accountId, config.path, config.roleName),
    scope: config.accountId,
  };
}
