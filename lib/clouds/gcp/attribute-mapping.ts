import { boundedMemo } from "@/lib/bounded-memo";
import type { Finding, Findings } from "@/lib/catalog/findings";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { celReferences, celSyntaxError } from "@/lib/clouds/gcp/cel";
import { multiTenantIssuer, multiTenantIssuers } from "@/lib/clouds/gcp/multi-tenant-issuers";
import { providerAudiences, type ProviderRef } from "@/lib/clouds/gcp/principals";
import { utf8Length as byteLength } from "@/lib/clouds/gcp/utf8-length";

// What Google checks when a workload identity pool provider is saved, and
// what would fail later at exchange (CLOUDS.md 3.2-3.4, from the provider
// resource reference).

const maxExpressionLength = 2048;
const maxCustomAttributes = 50;
const maxMappedBytes = 8 * 1024;
const maxConditionLength = 4096;
const maxAudiences = 10;
const maxAudienceLength = 256;

// The workload identity pool provider's attributeMapping reference lists only
// google.subject, google.groups and attribute.{custom} (CLOUDS.md 3.3;
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers).
// google.display_name and google.profile_photo belong to workforce pools.
const googleKeys = new Set(["google.subject", "google.groups"]);
const customAttributeKey = /^attribute\.([a-z0-9_]{1,100})$/;

function keyFindings(key: string): Finding | null {
  if (googleKeys.has(key) || customAttributeKey.test(key)) return null;
  const path = `attributeMapping.${key}`;
  if (key.startsWith("attribute.")) {
    return {
      path,
      message:
        "Google refuses this name: custom attribute names use up to 100 lower-case letters, digits or '_'.",
    };
  }
  return {
    path,
    message:
      "Google accepts only google.subject, google.groups and attribute.<name> as keys of a workload identity pool provider.",
  };
}

// A provider's mapping is checked with every binding on it (the evaluator's
// schema holds the provider), so the answer is remembered by its text. The
// bindings of a provider come one after another, so the last mapping's
// entries are compared before any text is built.
const maxRememberedText = 8192;
const mappingVerdicts = boundedMemo<Findings>(1000, { maxKeyLength: maxRememberedText });
let last: { entries: [string, string][]; findings: Findings } | undefined;

/** The entries, when every value is a text (what the last mapping is kept as). */
function textEntries(mapping: Record<string, unknown>): [string, string][] | undefined {
  const entries = Object.entries(mapping);
  return entries.every(([, value]) => typeof value === "string")
    ? (entries as [string, string][])
    : undefined;
}

function isLastMapping(mapping: Record<string, unknown>): boolean {
  if (last === undefined) return false;
  const keys = Object.keys(mapping);
  const { entries } = last;
  if (keys.length !== entries.length) return false;
  return keys.every((key, index) => {
    const [lastKey, lastValue] = entries[index] as [string, string];
    return key === lastKey && mapping[key] === lastValue;
  });
}

/** Checks the attribute mapping; the answer is shared, callers must not change it. */
export function attributeMappingFindings(mapping: Record<string, string>): Findings {
  if (isLastMapping(mapping)) return (last as { findings: Findings }).findings;
  const text = JSON.stringify(mapping);
  const findings = mappingVerdicts(text, () => checkMapping(mapping));
  const entries = text.length <= maxRememberedText ? textEntries(mapping) : undefined;
  last = entries && { entries, findings };
  return findings;
}

function checkMapping(mapping: Record<string, string>): Findings {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const entries = Object.entries(mapping);

  // CLOUDS.md 3.3: OIDC providers must map google.subject.
  if (!mapping["google.subject"]?.trim()) {
    errors.push({
      path: "attributeMapping",
      message:
        "Map google.subject (e.g. to assertion.sub): Google refuses OIDC providers without it.",
    });
  }
  const custom = entries.filter(([key]) => key.startsWith("attribute.")).length;
  if (custom > maxCustomAttributes) {
    errors.push({
      path: "attributeMapping",
      message: `Google allows at most ${maxCustomAttributes} custom attributes; this mapping has ${custom}.`,
    });
  }

  for (const [key, expression] of entries) {
    const keyError = keyFindings(key);
    if (keyError) errors.push(keyError);
    const path = `attributeMapping.${key}`;
    if (expression.length > maxExpressionLength) {
      errors.push({
        path,
        message: `Google refuses mapping expressions over ${maxExpressionLength} characters; this one has ${expression.length}.`,
      });
      continue;
    }
    const syntax = expression.trim() ? celSyntaxError(expression) : "is required";
    if (syntax) errors.push({ path, message: syntax });
  }

  // CLOUDS.md 3.3: the evaluated google.subject must fit in 127 bytes.
  // Concatenating claims is the usual way past it with long names.
  const subject = mapping["google.subject"];
  if (subject && celReferences(subject)?.functions.includes("_+_")) {
    warnings.push({
      path: "attributeMapping.google.subject",
      message:
        "This google.subject joins several values; with long repository or branch names it can pass 127 bytes, and STS then refuses the token (invalid_request). Shorten it with extract().",
    });
  }
  // Google's 8 KB limit applies to the evaluated attributes, which the
  // expressions' own size only approximates, so this is a warning.
  const configured = entries.reduce(
    (sum, [key, value]) => sum + byteLength(key) + byteLength(value),
    0,
  );
  if (configured > maxMappedBytes) {
    warnings.push({
      path: "attributeMapping",
      message: `The mapping is ${configured} bytes; STS refuses a token whose mapped attributes together exceed 8 KB.`,
    });
  }
  return { errors, warnings };
}

/**
 * Checks the attribute condition. `mapping`, when given, lets it warn about
 * attributes the condition reads but the provider never maps.
 */
export function attributeConditionFindings(
  condition: string | null,
  issuerUri: string,
  mapping?: Record<string, string>,
): Findings {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const path = "attributeCondition";
  const shared = multiTenantIssuer(issuerUri);
  const refusal = shared
    ? `Google refuses ${shared.label} providers whose condition does not reference the token's claims ("The attribute condition must reference one of the provider's claims"). Restrict it to your ${shared.scope}, e.g. ${shared.exampleCondition(shared.scope === "group" ? "your-group" : "your-org")}.`
    : "";

  // CLOUDS.md 3.4's reports are of the SaaS-wide issuers; for a GHEC
  // enterprise's own issuer the refusal is unconfirmed, so it is a warning.
  const unpinned = shared && {
    path,
    rule: "gcp-provider-no-condition" as const,
    message: shared.isConditionRequired
      ? refusal
      : `[unconfirmed] Google refuses GitHub's shared issuer without a condition on the token's claims; whether it does for ${shared.label} is not known. Without one, ${shared.anyTenant} can obtain a token: restrict it to your ${shared.scope}, e.g. ${shared.exampleCondition("your-org")}.`,
  };
  const report = (finding: Finding) =>
    (shared?.isConditionRequired ? errors : warnings).push(finding);

  if (!condition?.trim()) {
    // CLOUDS.md 3.4: unset admits every valid token; Google refuses that for shared issuers.
    if (unpinned) report(unpinned);
    return { errors, warnings };
  }
  if (condition.length > maxConditionLength) {
    errors.push({
      path,
      message: `Google refuses conditions over ${maxConditionLength} characters; this one has ${condition.length}.`,
    });
    return { errors, warnings };
  }
  const syntax = celSyntaxError(condition);
  const references = syntax ? null : celReferences(condition);
  if (syntax || !references) {
    errors.push({ path, message: syntax ?? "not valid CEL" });
    return { errors, warnings };
  }
  if (unpinned && !references.roots.some((root) => root === "assertion" || root === "attribute")) {
    report(unpinned);
  }
  if (mapping) {
    // CLOUDS.md 3.3: a value can be used in a condition only once it is mapped.
    for (const name of references.attributes) {
      if (!(`attribute.${name}` in mapping)) {
        warnings.push({
          path,
          message: `attribute.${name.slice(0, 100)} is not in the attribute mapping; map it before the condition can read it.`,
        });
      }
    }
  }
  return { errors, warnings };
}

/**
 * CLOUDS.md 3.2: at most 10 audiences of up to 256 characters. Once the list
 * is set, the provider's canonical name stops being accepted as `aud`
 * unless it is listed; `provider` lets this tell.
 */
export function allowedAudiencesFindings(audiences: string[], provider?: ProviderRef): Findings {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  if (audiences.length > maxAudiences) {
    errors.push({
      path: "allowedAudiences",
      message: `Google allows at most ${maxAudiences} audiences; this list has ${audiences.length}.`,
    });
  }
  audiences.forEach((audience, index) => {
    const path = `allowedAudiences.${index}`;
    if (!audience.trim()) errors.push({ path, message: "is empty" });
    else if (audience.length > maxAudienceLength) {
      errors.push({
        path,
        message: `Google refuses audiences over ${maxAudienceLength} characters.`,
      });
    }
  });
  const canonical: string[] = provider ? providerAudiences(provider) : [];
  if (audiences.length > 0 && !audiences.some((audience) => canonical.includes(audience))) {
    warnings.push({
      path: "allowedAudiences",
      message:
        "With allowed audiences set, STS refuses tokens whose aud is the provider's own name (https://iam.googleapis.com/projects/…/providers/…), which google-github-actions/auth requests by default. List it too if workloads use it.",
    });
  }
  return { errors, warnings };
}

// Mapped attributes can be bound in IAM (principalSet://…/attribute.NAME/VALUE)
// and read by the condition. Claims from CLOUDS.md §4; immutable ids are
// included so bindings can survive renames (CLOUDS.md 5.7).
const defaultMappings: Partial<Record<IssuerKind, Record<string, string>>> = {
  "github-actions": {
    "google.subject": "assertion.sub",
    "attribute.repository": "assertion.repository",
    "attribute.repository_id": "assertion.repository_id",
    "attribute.repository_owner": "assertion.repository_owner",
    "attribute.repository_owner_id": "assertion.repository_owner_id",
    "attribute.ref": "assertion.ref",
  },
  gitlab: {
    "google.subject": "assertion.sub",
    "attribute.project_path": "assertion.project_path",
    "attribute.project_id": "assertion.project_id",
    "attribute.namespace_path": "assertion.namespace_path",
    "attribute.ref": "assertion.ref",
    "attribute.ref_type": "assertion.ref_type",
  },
  "terraform-cloud": {
    "google.subject": "assertion.sub",
    "attribute.terraform_organization_id": "assertion.terraform_organization_id",
    "attribute.terraform_project_id": "assertion.terraform_project_id",
    "attribute.terraform_workspace_id": "assertion.terraform_workspace_id",
    "attribute.terraform_run_phase": "assertion.terraform_run_phase",
  },
};

/** A starting attribute mapping for a kind of issuer; always maps google.subject. */
export function defaultAttributeMapping(issuerKind: IssuerKind): Record<string, string> {
  return { ...(defaultMappings[issuerKind] ?? { "google.subject": "assertion.sub" }) };
}

/**
 * A condition restricting a shared issuer to one tenant (CLOUDS.md 3.4),
 * with placeholders unless the owner (GitHub org, GitLab group, HCP
 * Terraform organization) is known. Null for issuers that need none.
 */
export function suggestedAttributeCondition(
  issuerKind: IssuerKind,
  hint?: { owner?: string; ownerId?: string },
): string | null {
  const owner = hint?.owner?.trim();
  switch (issuerKind) {
    case "github-actions":
      // The numeric owner id survives renames and name recycling (CLOUDS.md 5.7).
      if (hint?.ownerId && /^\d+$/.test(hint.ownerId)) {
        return `assertion.repository_owner_id == '${hint.ownerId}'`;
      }
      return multiTenantIssuers.github.exampleCondition(owner || "OWNER");
    case "gitlab":
      return multiTenantIssuers.gitlab.exampleCondition(owner || "GROUP");
    case "terraform-cloud":
      return multiTenantIssuers.terraform.exampleCondition(owner || "ORGANIZATION");
    default:
      return null;
  }
}
