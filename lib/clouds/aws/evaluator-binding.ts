import { z } from "zod";
import { ZClientIdList, ZOidcProviderUrl, ZThumbprintList } from "@/lib/clouds/aws/ids";
import { statementsOf, trustPolicyProblems } from "@/lib/clouds/aws/match/policy-document";
import { parsePolicyText } from "@/lib/clouds/aws/match/policy-text";

// The AWS binding as POST /api/v1/evaluate takes it (issue 4 item 5), in
// IAM's own terms: the OIDC provider the role trusts, the role, its whole
// trust policy (an object, or the JSON text IAM would read), and the
// account's other OIDC providers, among which STS looks the token's iss up
// (CLOUDS.md 2.1, 2.3).

// IAM ARN format for roles: arn:<partition>:iam::<account>:role/<path><name>,
// name as CreateRole allows it ([\w+=,.@-], 1–64).
const roleArnPattern =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):iam::(\d{12}):role\/(?:[\u0021-\u007E]+\/)?[\w+=,.@-]{1,64}$/;

export const ZRoleArn = z
  .string({ message: "is required" })
  .min(1, "is required")
  .max(2048, "must be at most 2,048 characters")
  .regex(roleArnPattern, "must be a role ARN such as arn:aws:iam::123456789012:role/deploy");

export const ZAwsEvaluatorProvider = z
  .object({ providerUrl: ZOidcProviderUrl, clientIds: ZClientIdList })
  .strict();

export const ZAwsEvaluatorBinding = z
  .object({
    cloud: z.literal("aws", { message: 'must be "aws"' }),
    providerUrl: ZOidcProviderUrl,
    clientIds: ZClientIdList,
    // Kept for completeness: STS checks the JWKS host's TLS itself for most IdPs (CLOUDS.md 2.1).
    thumbprints: ZThumbprintList.optional(),
    roleArn: ZRoleArn,
    trustPolicy: z
      .record(z.string(), z.unknown(), {
        message: "must be a JSON object: the role's trust policy",
      })
      .optional(),
    trustPolicyRaw: z.string({ message: "must be the trust policy as JSON text" }).optional(),
    // CLOUDS.md 2.1: at most 100 OIDC providers per account, this binding's included.
    additionalProviders: z
      .array(ZAwsEvaluatorProvider, { message: "must be a list of { providerUrl, clientIds }" })
      .max(99, "an account holds at most 100 OIDC providers")
      .optional(),
  })
  .strict()
  .superRefine((binding, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    let document: unknown = binding.trustPolicy;
    let base: (string | number)[] = ["trustPolicy"];
    if (binding.trustPolicy !== undefined && binding.trustPolicyRaw !== undefined) {
      issue(["trustPolicyRaw"], "give trustPolicy or trustPolicyRaw, not both");
      return;
    }
    if (binding.trustPolicyRaw !== undefined) {
      const parsed = parsePolicyText(binding.trustPolicyRaw);
      if (!parsed.ok) return issue(["trustPolicyRaw"], parsed.message);
      document = parsed.value;
      base = ["trustPolicyRaw"];
    } else if (binding.trustPolicy === undefined) {
      return issue(["trustPolicy"], "is required (or trustPolicyRaw, the policy as JSON text)");
    }
    for (const problem of trustPolicyProblems(document))
      issue([...base, ...problem.path], problem.message);
    // CLOUDS.md 2.1: a URL can be registered only once per account.
    const seen = new Set([binding.providerUrl]);
    binding.additionalProviders?.forEach((provider, index) => {
      if (seen.has(provider.providerUrl)) {
        issue(["additionalProviders", index, "providerUrl"], "an account has one provider per URL");
      }
      seen.add(provider.providerUrl);
    });
  });
export type TAwsEvaluatorBinding = z.infer<typeof ZAwsEvaluatorBinding>;

export type AwsAccountProvider = { url: string; clientIds: string[] };

/** What evaluateAws reads: the binding's provider first, then the account's others. */
export type NormalisedAwsBinding = {
  cloud: "aws";
  roleArn: string;
  partition: string;
  accountId: string;
  providers: AwsAccountProvider[];
  /** The trust policy's statements, as IAM keeps them. */
  statements: unknown[];
  /** Keys the raw policy text repeats, as dotted paths. */
  duplicateKeys: string[];
  /** The policy's Version, which decides whether ${…} is a policy variable. */
  version?: string;
  /** The policy if IAM kept the first of each repeated key; only when the text repeats keys. */
  firstKept?: { statements: unknown[]; version?: string };
};

function versionOf(document: unknown): { version?: string } {
  const version = (document as { Version?: unknown } | null | undefined)?.Version;
  return typeof version === "string" ? { version } : {};
}

/** Normalises a binding ZAwsEvaluatorBinding accepted. */
export function normaliseAwsEvaluatorBinding(binding: TAwsEvaluatorBinding): NormalisedAwsBinding {
  const [, partition = "aws", accountId = ""] = roleArnPattern.exec(binding.roleArn) ?? [];
  let document: unknown = binding.trustPolicy;
  let duplicateKeys: string[] = [];
  let firstKept: unknown;
  if (binding.trustPolicyRaw !== undefined) {
    const parsed = parsePolicyText(binding.trustPolicyRaw);
    if (!parsed.ok) throw new Error(`trustPolicyRaw ${parsed.message}`);
    document = parsed.value;
    duplicateKeys = parsed.duplicateKeys;
    firstKept = parsed.firstKept;
  }
  return {
    cloud: "aws",
    roleArn: binding.roleArn,
    partition,
    accountId,
    providers: [
      { url: binding.providerUrl, clientIds: binding.clientIds },
      ...(binding.additionalProviders ?? []).map((provider) => ({
        url: provider.providerUrl,
        clientIds: provider.clientIds,
      })),
    ],
    statements: statementsOf(document),
    duplicateKeys,
    ...versionOf(document),
    ...(firstKept === undefined
      ? {}
      : { firstKept: { statements: statementsOf(firstKept), ...versionOf(firstKept) } }),
  };
}
