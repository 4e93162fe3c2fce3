import { z } from "zod";
import { ZClientIdList, ZOidcProviderUrl, ZThumbprintList } from "@/lib/clouds/aws/ids";
import {
  statementsOf,
  trustPolicyProblems,
  type PolicyProblem,
} from "@/lib/clouds/aws/match/policy-document";
import { parsePolicyText } from "@/lib/clouds/aws/match/policy-text";
import { builtInProviders } from "@/lib/clouds/aws/match/built-in-providers";
import { isRecord } from "@/lib/json/is-record";

// The AWS binding as POST /api/v1/evaluate takes it (issue 4 item 5), in
// IAM's own terms: the OIDC provider the role trusts, the role, its whole
// trust policy (an object, or the JSON text IAM would read), and the
// account's other OIDC providers, among which STS looks the token's iss up
// (CLOUDS.md 2.1, 2.3).

// IAM ARN format for roles: arn:<partition>:iam::<account>:role/<path><name>,
// name as CreateRole allows it ([\w+=,.@-], 1–64).
const roleArnPattern =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):iam::(\d{12}):role\/(?:[\u0021-\u007E]+\/)?[\w+=,.@-]{1,64}$/;

const maxRoleArnLength = 2048;

export const ZRoleArn = z
  .string({ message: "is required" })
  .min(1, "is required")
  .max(maxRoleArnLength, "must be at most 2,048 characters")
  .regex(roleArnPattern, "must be a role ARN such as arn:aws:iam::123456789012:role/deploy");

/** Whether ZRoleArn accepts `value` as it is (a pattern match is never empty). */
export function isRoleArn(value: unknown): value is string {
  return (
    typeof value === "string" && value.length <= maxRoleArnLength && roleArnPattern.test(value)
  );
}

export const ZAwsEvaluatorProvider = z
  .object({ providerUrl: ZOidcProviderUrl, clientIds: ZClientIdList })
  .strict();

/** The built-in provider (CLOUDS.md 2.1) a trust policy's Principal.Federated names, if any. */
function builtInNamed(document: unknown): string | undefined {
  for (const statement of statementsOf(document)) {
    const principal = isRecord(statement) ? statement.Principal : undefined;
    const federated = isRecord(principal) ? principal.Federated : undefined;
    const names = Array.isArray(federated) ? federated : [federated];
    const found = builtInProviders.find((key) => names.includes(key));
    if (found) return found;
  }
  return undefined;
}

const builtInUrls = builtInProviders.map((key) => `https://${key}`);

function isBuiltInUrl(url: string | undefined): boolean {
  return builtInUrls.some((builtInUrl) => url === builtInUrl);
}

export const ZAwsEvaluatorFields = z
  .object({
    cloud: z.literal("aws", { message: 'must be "aws"' }),
    // Optional only for a trust in a built-in provider (Google, Cognito),
    // which has no IAM provider object and no client-id list (CLOUDS.md 2.1).
    providerUrl: ZOidcProviderUrl.optional(),
    clientIds: ZClientIdList.optional(),
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
  .strict();

/** CLOUDS.md 2.1: a URL can be registered only once per account. */
function repeatedProviderUrls(binding: z.output<typeof ZAwsEvaluatorFields>): PolicyProblem[] {
  const others = binding.additionalProviders ?? [];
  if (others.length === 0) return [];
  const problems: PolicyProblem[] = [];
  const seen = new Set([binding.providerUrl]);
  others.forEach((provider, index) => {
    if (seen.has(provider.providerUrl)) {
      problems.push({
        path: ["additionalProviders", index, "providerUrl"],
        message: "an account has one provider per URL",
      });
    }
    seen.add(provider.providerUrl);
  });
  return problems;
}

/** What the fields say together: the trust policy, and the providers it needs. */
export function awsBindingProblems(binding: z.output<typeof ZAwsEvaluatorFields>): PolicyProblem[] {
  let document: unknown = binding.trustPolicy;
  let base: (string | number)[] = ["trustPolicy"];
  if (binding.trustPolicy !== undefined && binding.trustPolicyRaw !== undefined) {
    return [{ path: ["trustPolicyRaw"], message: "give trustPolicy or trustPolicyRaw, not both" }];
  }
  if (binding.trustPolicyRaw !== undefined) {
    const parsed = parsePolicyText(binding.trustPolicyRaw);
    if (!parsed.ok) return [{ path: ["trustPolicyRaw"], message: parsed.message }];
    document = parsed.value;
    base = ["trustPolicyRaw"];
  } else if (binding.trustPolicy === undefined) {
    return [
      {
        path: ["trustPolicy"],
        message: "is required (or trustPolicyRaw, the policy as JSON text)",
      },
    ];
  }
  const problems = trustPolicyProblems(document).map((problem) => ({
    path: [...base, ...problem.path],
    message: problem.message,
  }));
  const builtIn = builtInNamed(document);
  if (binding.providerUrl === undefined && !builtIn) {
    problems.push({
      path: ["providerUrl"],
      message:
        "is required, unless the trust policy names a built-in provider (accounts.google.com or cognito-identity.amazonaws.com) in Principal.Federated",
    });
  }
  if (binding.providerUrl === undefined && binding.clientIds !== undefined) {
    problems.push({ path: ["providerUrl"], message: "is required when clientIds is given" });
  }
  if (
    binding.providerUrl !== undefined &&
    binding.clientIds === undefined &&
    !isBuiltInUrl(binding.providerUrl)
  ) {
    problems.push({
      path: ["clientIds"],
      message: "is required: the provider's client ids (its audiences)",
    });
  }
  problems.push(...repeatedProviderUrls(binding));
  return problems;
}

export const ZAwsEvaluatorBinding = ZAwsEvaluatorFields.superRefine((binding, ctx) => {
  for (const { path, message } of awsBindingProblems(binding)) {
    ctx.addIssue({ code: "custom", path, message });
  }
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
  /** The built-in provider the policy names, when the binding has no provider of its own. */
  builtIn?: string;
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
  // A built-in provider's URL with no client ids is not an IAM provider object.
  const registered =
    binding.providerUrl !== undefined && binding.clientIds !== undefined
      ? [{ url: binding.providerUrl, clientIds: binding.clientIds }]
      : [];
  const builtIn =
    registered.length === 0
      ? (builtInNamed(document) ??
        builtInProviders.find((key) => binding.providerUrl === `https://${key}`))
      : undefined;
  return {
    cloud: "aws",
    roleArn: binding.roleArn,
    partition,
    accountId,
    providers: [
      ...registered,
      ...(binding.additionalProviders ?? []).map((provider) => ({
        url: provider.providerUrl,
        clientIds: provider.clientIds,
      })),
    ],
    ...(builtIn ? { builtIn } : {}),
    statements: statementsOf(document),
    duplicateKeys,
    ...versionOf(document),
    ...(firstKept === undefined
      ? {}
      : { firstKept: { statements: statementsOf(firstKept), ...versionOf(firstKept) } }),
  };
}
