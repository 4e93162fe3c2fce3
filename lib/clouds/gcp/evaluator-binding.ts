import { z } from "zod";
import { boundedMemo } from "@/lib/bounded-memo";
import type { Findings } from "@/lib/catalog/findings";
import {
  allowedAudiencesFindings,
  attributeMappingFindings,
} from "@/lib/clouds/gcp/attribute-mapping";
import { celSyntaxError } from "@/lib/clouds/gcp/cel";
import {
  fullProviderName,
  projectIdNotNumberMessage,
  ZGcpRole,
  ZPoolId,
  ZProviderId,
  ZServiceAccountEmail,
} from "@/lib/clouds/gcp/ids";
import { parseProviderResource, readProviderName } from "@/lib/clouds/gcp/match/resource-names";
import type { ProviderRef } from "@/lib/clouds/gcp/principals";

// The GCP binding as `POST /api/v1/evaluate` accepts it (issue 4 item 5): the
// provider as IAM holds it (the catalogue's cloud object) plus, optionally,
// the service account's IAM policy binding. What Google would refuse to save
// is refused here too (CLOUDS.md 3.1-3.4), with the same messages as the
// catalogue forms.

const maxConditionLength = 4096;
// An IAM allow policy holds at most 1,500 principals.
const maxPolicyMembers = 1500;

type Problem = { path: string[]; message: string };

/** A finding's path, `field.rest`, as zod paths it: [field, rest] (the rest not split). */
function findingProblems(findings: Findings, field: string): Problem[] {
  return findings.errors.map((finding) => {
    const rest = finding.path.startsWith(`${field}.`) ? finding.path.slice(field.length + 1) : "";
    return { path: rest ? [field, rest] : [field], message: finding.message };
  });
}

const maxProviderResourceLength = 512;

const ZPoolProviderResource = z
  .string()
  .trim()
  .max(maxProviderResourceLength, `must be at most ${maxProviderResourceLength} characters`)
  .overwrite(fullProviderName)
  .superRefine((value, ctx) => {
    for (const message of providerProblems(value)) ctx.addIssue({ code: "custom", message });
  });

/**
 * The name as ZPoolProviderResource outputs one it accepts (trimmed, in
 * full), read directly: the trust map meets a name per provider. Undefined
 * for anything the schema may refuse.
 */
export function acceptedProviderResource(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (trimmed.length > maxProviderResourceLength) return undefined;
  const full = fullProviderName(trimmed);
  return providerProblems(full).length === 0 ? full : undefined;
}

// Every binding on a provider carries its name, so its problems are
// remembered by the name's text.
const providerMessages = boundedMemo<readonly string[]>(1000);

function providerProblems(value: string): readonly string[] {
  return providerMessages(value, () => providerResourceProblems(value));
}

// An ID of the plain form, 4-32 of [a-z0-9-] and not gcp-, is one ZPoolId
// and ZProviderId (ids.ts) accept as it is, so the trust map's thousands of
// pools need no parse; any other ID is read by the schema.
const plainId = /^[a-z0-9-]{4,32}$/;

/** Whether `id` has the plain form both ID schemas accept as it is. */
export function isPlainWorkloadIdentityId(id: string): boolean {
  return plainId.test(id) && !id.startsWith("gcp-");
}

function idProblems(schema: typeof ZPoolId, id: string): string[] {
  if (isPlainWorkloadIdentityId(id)) return [];
  const parsed = schema.safeParse(id);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

function providerResourceProblems(value: string): string[] {
  const name = readProviderName(value);
  if (!name || name.scheme !== "//" || !name.providerId || value.endsWith("/")) {
    return [
      "must be the provider's full resource name: //iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider> (or projects/<number>/… as gcloud prints it)",
    ];
  }
  const problems: string[] = [];
  if (!/^\d{1,20}$/.test(name.project)) problems.push(projectIdNotNumberMessage);
  problems.push(...idProblems(ZPoolId, name.poolId), ...idProblems(ZProviderId, name.providerId));
  return problems;
}

// Members are not trimmed: IAM compares a member with the principal
// exactly, so a stray space is a member that never matches (CLOUDS.md 3.7).
const maxMemberLength = 2048;
const isBlank = (member: string) => member.trim() === "";

export const ZGcpServiceAccountIamPolicy = z
  .object({
    serviceAccount: ZServiceAccountEmail,
    role: ZGcpRole,
    members: z
      .array(
        z
          .string()
          .max(maxMemberLength, `must be at most ${maxMemberLength} characters`)
          .refine((member) => !isBlank(member), "is empty"),
      )
      .max(maxPolicyMembers, `an IAM policy holds at most ${maxPolicyMembers} principals`),
  })
  .strict();

/**
 * The members as the policy schema outputs a list it accepts (a new list
 * of the same texts), read without zod: every binding has its own list.
 * Undefined for a list the schema may refuse.
 */
export function acceptedMembers(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > maxPolicyMembers) return undefined;
  const members: string[] = [];
  for (let index = 0; index < value.length; index += 1) {
    const member: unknown = value[index];
    if (typeof member !== "string" || member.length > maxMemberLength || isBlank(member)) {
      return undefined;
    }
    members.push(member);
  }
  return members;
}

// Everything but the service account's policy describes the provider, which
// every binding on it shares (check-evaluator-binding.ts checks it once).
const providerShape = {
  cloud: z.literal("gcp"),
  poolProviderResource: ZPoolProviderResource,
  // Never trimmed or normalised: STS compares iss with it (CLOUDS.md 3.2).
  issuerUri: z.url({ protocol: /^https$/, message: "must be an https URL" }).max(600),
  allowedAudiences: z.array(z.string().max(1024)).max(100).default([]),
  attributeMapping: z.record(z.string().max(200), z.string().max(4096)),
  attributeCondition: z
    .string()
    .nullable()
    .default(null)
    .transform((value) => (value?.trim() ? value : null)),
  disabled: z.boolean().default(false),
  // CLOUDS.md 3.1: a disabled pool blocks its providers and existing tokens too.
  poolDisabled: z.boolean().default(false),
};

type ProviderPart = {
  attributeMapping: Record<string, string>;
  allowedAudiences: string[];
  attributeCondition: string | null;
};

/** What Google would refuse in the provider's fields together (CLOUDS.md 3.2-3.4). */
export function gcpProviderProblems(binding: ProviderPart): Problem[] {
  const problems = [
    ...findingProblems(attributeMappingFindings(binding.attributeMapping), "attributeMapping"),
    ...findingProblems(allowedAudiencesFindings(binding.allowedAudiences), "allowedAudiences"),
  ];
  const condition = binding.attributeCondition;
  if (condition !== null) {
    // CLOUDS.md 3.4: at most 4,096 characters of CEL. A condition-less
    // provider for a shared issuer is accepted here: providers created
    // before late 2024 still exist, and the evaluator marks them broad.
    const error =
      condition.length > maxConditionLength
        ? `Google refuses conditions over ${maxConditionLength} characters; this one has ${condition.length}.`
        : celSyntaxError(condition);
    if (error) problems.push({ path: ["attributeCondition"], message: error });
  }
  return problems;
}

function refineProvider(binding: ProviderPart, ctx: z.RefinementCtx): void {
  for (const { path, message } of gcpProviderProblems(binding)) {
    ctx.addIssue({ code: "custom", path, message });
  }
}

/** The provider part alone: passes exactly when the whole binding's provider fields would. */
export const ZGcpEvaluatorProvider = z.object(providerShape).strict().superRefine(refineProvider);

export const ZGcpEvaluatorFields = z
  .object({ ...providerShape, serviceAccountIamPolicy: ZGcpServiceAccountIamPolicy.optional() })
  .strict();
export const ZGcpEvaluatorBinding = ZGcpEvaluatorFields.superRefine(refineProvider);
export type TGcpEvaluatorBinding = z.infer<typeof ZGcpEvaluatorBinding>;
export type TGcpServiceAccountIamPolicy = z.infer<typeof ZGcpServiceAccountIamPolicy>;

/** The binding as the matcher reads it. */
export type NormalisedGcpBinding = {
  provider: ProviderRef;
  /** `//iam.googleapis.com/projects/N/locations/global/workloadIdentityPools/P/providers/Q`. */
  providerResource: string;
  issuerUri: string;
  allowedAudiences: string[];
  attributeMapping: Record<string, string>;
  attributeCondition: string | null;
  disabled: boolean;
  poolDisabled: boolean;
  serviceAccountIamPolicy: TGcpServiceAccountIamPolicy | null;
};

/** Reads a parsed binding; throws only if it did not come through ZGcpEvaluatorBinding. */
export function normaliseGcpEvaluatorBinding(binding: TGcpEvaluatorBinding): NormalisedGcpBinding {
  const provider = parseProviderResource(binding.poolProviderResource);
  if (!provider) throw new TypeError("poolProviderResource was not validated");
  return {
    provider,
    providerResource: binding.poolProviderResource,
    issuerUri: binding.issuerUri,
    allowedAudiences: binding.allowedAudiences,
    attributeMapping: binding.attributeMapping,
    attributeCondition: binding.attributeCondition,
    disabled: binding.disabled,
    poolDisabled: binding.poolDisabled,
    serviceAccountIamPolicy: binding.serviceAccountIamPolicy ?? null,
  };
}
