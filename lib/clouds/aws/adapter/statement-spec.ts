import canonicalize from "canonicalize";
import { createHash } from "node:crypto";
import { awsCatalog } from "@/lib/clouds/aws";
import { awsProvider } from "@/lib/clouds/aws/binding-findings";
import {
  ZAwsBindingSpec,
  ZAwsBuilder,
  type TAwsBindingSpec,
  type TAwsBuilder,
} from "@/lib/clouds/aws/binding-spec";
import { oidcProviderKey } from "@/lib/clouds/aws/ids";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import type { BindingContext } from "@/lib/clouds/types";
import { isRecord } from "@/lib/json/is-record";

// One web-identity statement read from IAM, as a catalogue binding spec:
// "builder" when the catalogue's own builder produces exactly this statement
// from fields read off it, otherwise "raw" with the statement as IAM holds it.

/** The context the catalogue's functions take, for a spec on a role (no workload: none is known). */
export function awsBindingContext(
  spec: TAwsBindingSpec,
  config: TAwsRoleConfig,
  siblings: BindingContext["siblings"] = [],
): BindingContext<TAwsBindingSpec> {
  return {
    spec,
    target: { id: "", kind: "aws-role", name: config.roleName, config },
    workload: { id: "", name: "", subject: "", subjectSpec: null },
    issuer: { issuerUrl: spec.providerUrl, kind: "generic" },
    siblings,
  };
}

/**
 * The catalogue's cloud object for one binding, with no siblings: its
 * trustPolicy then holds this statement alone. The catalogue's own object
 * renders the whole trust policy from the binding's siblings, so comparing it
 * per binding would mark every binding of a role drifted when one sibling
 * changes (or when the role holds a statement Fedlens does not manage). Drift
 * compares this object on both sides.
 */
export function comparableAwsCloudObject(spec: TAwsBindingSpec, config: TAwsRoleConfig): unknown {
  // Without siblings the rendered trustPolicy repeats `statement`, so a
  // change would be reported twice: compare the statement alone.
  // Thumbprints are left out: they belong to the account's OIDC provider,
  // which every role naming the issuer shares and no binding owns, and
  // UpdateOpenIDConnectProviderThumbprint replaces the whole list, so
  // writing the catalogue's would change what other roles rely on
  // (SECURITY.md 4: never change what Fedlens does not own). IAM also fills
  // the list itself when a provider is created without one, and ignores it
  // for issuers whose TLS it verifies against its own roots (CLOUDS.md 2.1):
  // a difference would be planned on every run and never converge. A
  // provider Fedlens creates still gets the catalogue's thumbprints.
  // Of the shared provider's client ids, only those this statement needs
  // (the audiences it names exactly) are compared: the writer adds a missing
  // one and never removes another role's, so comparing the whole list would
  // plan an update on every run once anyone adds a client id in AWS.
  const context = awsBindingContext(spec, config);
  const {
    trustPolicy: _alone,
    thumbprints: _shared,
    clientIds,
    ...object
  } = awsCatalog.cloudObject(context) as Record<string, unknown> & { clientIds: string[] };
  const needed = statementAudiences(
    spec.statement as Record<string, unknown>,
    awsProvider(context).providerKey,
  );
  return { ...object, clientIds: needed.filter((id) => clientIds.includes(id)) };
}

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === "string",
  );

/**
 * The audiences the statement accepts exactly (StringEquals on
 * `<provider>:aud`): STS also wants each in the provider's client id list
 * (CLOUDS.md 2.3 "Incorrect token audience"). Patterns cannot be client ids.
 */
export function statementAudiences(statement: Record<string, unknown>, providerKey: string) {
  const block = isRecord(statement.Condition) ? statement.Condition.StringEquals : undefined;
  return isRecord(block) ? [...new Set(strings(block[`${providerKey}:aud`]))] : [];
}

function stringValues(raw: unknown): string[] | undefined {
  if (typeof raw === "string") return [raw];
  if (Array.isArray(raw) && raw.every((value) => typeof value === "string")) return raw;
  return undefined;
}

/** The builder's fields as the statement's conditions spell them; undefined when they cannot hold it. */
function builderFieldsOf(statement: Record<string, unknown>, providerKey: string) {
  const condition = statement.Condition;
  if (!isRecord(condition)) return undefined;
  const prefix = `${providerKey}:`;
  let audiences: string[] | undefined;
  let subjectOperator: string | undefined;
  let subjects: string[] = [];
  const extraConditions: { operator: string; claim: string; values: string[] }[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!isRecord(block)) return undefined;
    for (const [key, raw] of Object.entries(block)) {
      const values = stringValues(raw);
      if (!values) return undefined;
      if (!audiences && operator === "StringEquals" && key === `${prefix}aud`) audiences = values;
      else if (
        !subjectOperator &&
        (operator === "StringEquals" || operator === "StringLike") &&
        key === `${prefix}sub`
      ) {
        subjectOperator = operator;
        subjects = values;
      } else if (key.startsWith(prefix)) {
        extraConditions.push({ operator, claim: key.slice(prefix.length), values });
      } else extraConditions.push({ operator, claim: key, values });
    }
  }
  const parsed = ZAwsBuilder.safeParse({
    audiences,
    subjectOperator: subjectOperator ?? "StringEquals",
    subjects,
    extraConditions,
  });
  return parsed.success ? parsed.data : undefined;
}

/** Same JSON meaning, whatever the key order. */
export const sameJson = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/** The spec for a statement; undefined when the catalogue's schema refuses it (e.g. a bad Sid). */
export function statementSpec(
  statement: Record<string, unknown>,
  sid: string,
  providerUrl: string,
  config: TAwsRoleConfig,
): TAwsBindingSpec | undefined {
  const builder: TAwsBuilder | undefined = builderFieldsOf(statement, oidcProviderKey(providerUrl));
  if (builder && awsCatalog.normalizeSpec) {
    const candidate: TAwsBindingSpec = { cloud: "aws", sid, providerUrl, mode: "builder", builder };
    const built = awsCatalog.normalizeSpec(awsBindingContext(candidate, config)).spec;
    if (sameJson(built.statement, statement)) return built;
  }
  const raw = ZAwsBindingSpec.safeParse({ cloud: "aws", sid, providerUrl, mode: "raw", statement });
  return raw.success ? raw.data : undefined;
}

/**
 * A statement without a Sid gets a key derived from its content: stable
 * across reads while the statement is unchanged, the same whether or not IAM
 * later stores that Sid, and made of letters and digits as a Sid must be.
 * Editing the statement in AWS changes the key (the old binding then reads as
 * missing and the edited statement as unmanaged).
 */
export function contentSid(statement: Record<string, unknown>): string {
  const { Sid: _sid, ...content } = statement;
  void _sid;
  const digest = createHash("sha256")
    .update(canonicalize(content) ?? "")
    .digest("hex");
  return `NoSid${digest.slice(0, 16)}`;
}
