import type { NormalisedGcpBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { nearMissHint } from "@/lib/clouds/gcp/match/hints";
import type { MappedAttributes } from "@/lib/clouds/gcp/match/mapping";
import { memberSlipHint } from "@/lib/clouds/gcp/match/member-hints";
import {
  principalForSubject,
  principalSetForAttribute,
  principalSetForGroup,
  type ParsedMember,
} from "@/lib/clouds/gcp/principals";

// Whether one member of the service account's policy covers the token's
// mapped identity (CLOUDS.md 3.7 principal identifiers), and if not, the
// likeliest slip; principal.ts turns the verdicts into the check.

export type MemberVerdict = {
  member: string;
  matches: boolean;
  hint?: string;
  actual?: string;
  /** The match rests on an undocumented reading (Check.unconfirmed). */
  unconfirmed?: string;
};

// CLOUDS.md 3.3 shows google.groups mapped to a list; a plain string read as
// one group is Fedlens's guess.
const stringGroupsReading =
  // CLOUDS.md 3.3
  "google.groups maps to a single string, which Fedlens reads as one group; Google documents a list.";

function valuesOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

function judge(
  member: string,
  parsed: ParsedMember,
  binding: NormalisedGcpBinding,
  mapped: MappedAttributes,
): MemberVerdict {
  const pool = binding.provider;
  if (parsed.projectNumber !== pool.projectNumber || parsed.poolId !== pool.poolId) {
    return {
      member,
      matches: false,
      hint: `This member names pool ${parsed.poolId} of project ${parsed.projectNumber}; the provider is in pool ${pool.poolId} of project ${pool.projectNumber}.`,
    };
  }
  const subject = typeof mapped.google.subject === "string" ? mapped.google.subject : undefined;
  switch (parsed.kind) {
    case "pool":
      return { member, matches: true };
    case "subject": {
      const actual = subject === undefined ? undefined : principalForSubject(pool, subject);
      if (subject === parsed.value) return { member, matches: true, ...(actual ? { actual } : {}) };
      const hint =
        subject === undefined ? undefined : nearMissHint(parsed.value, subject, "google.subject");
      return { member, matches: false, ...(hint ? { hint } : {}), ...(actual ? { actual } : {}) };
    }
    case "group": {
      const groups = valuesOf(mapped.google.groups);
      const actual =
        groups.map((group) => principalSetForGroup(pool, group)).join(", ") || undefined;
      if (groups.includes(parsed.value)) {
        const reading =
          typeof mapped.google.groups === "string" ? { unconfirmed: stringGroupsReading } : {};
        return { member, matches: true, ...(actual ? { actual } : {}), ...reading };
      }
      const hint = !("groups" in mapped.google)
        ? // CLOUDS.md 3.3
          "google.groups is not mapped for this token."
        : groups.map((group) => nearMissHint(parsed.value, group, "The group")).find(Boolean);
      return { member, matches: false, ...(hint ? { hint } : {}), ...(actual ? { actual } : {}) };
    }
    case "attribute": {
      const name = parsed.attribute;
      const values = valuesOf(mapped.attribute[name]);
      const actual =
        values.map((value) => principalSetForAttribute(pool, name, value)).join(", ") || undefined;
      if (values.includes(parsed.value))
        return { member, matches: true, ...(actual ? { actual } : {}) };
      let hint: string | undefined;
      if (!(`attribute.${name}` in binding.attributeMapping)) {
        // CLOUDS.md 3.3
        hint = `The provider does not map attribute.${name}; IAM can only match mapped attributes.`;
      } else if (mapped.failures[`attribute.${name}`]) {
        hint = `attribute.${name} could not be mapped for this token (${mapped.failures[`attribute.${name}`]}).`;
      } else if (/\/attribute\.[a-z0-9_]+\//.test(parsed.value)) {
        hint =
          "A principalSet names one attribute; to require two values, map them into one attribute or add an attribute condition (auth#233).";
      } else {
        hint = values
          .map((value) => nearMissHint(parsed.value, value, `attribute.${name}`))
          .find(Boolean);
      }
      return { member, matches: false, ...(hint ? { hint } : {}), ...(actual ? { actual } : {}) };
    }
  }
}

/** IAM's reading of one policy member against the token's mapped identity. */
export function memberVerdict(
  member: string,
  parsed: ParsedMember | null,
  binding: NormalisedGcpBinding,
  mapped: MappedAttributes,
  principal: string,
): MemberVerdict {
  if (member.trim() !== member) {
    return {
      member,
      matches: false,
      // CLOUDS.md 3.7
      hint: `This member has leading or trailing whitespace; IAM compares it with ${principal} and the principalSets it belongs to exactly, so it matches nothing.`,
    };
  }
  if (parsed) return judge(member, parsed, binding, mapped);
  const hint = memberSlipHint(member, binding.attributeMapping);
  return { member, matches: false, ...(hint ? { hint } : {}) };
}
