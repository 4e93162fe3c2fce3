import type { CloudError } from "@/lib/clouds/adapter-types";
import {
  trustPolicyDefaultQuota,
  trustPolicyLength,
  type TrustPolicyDocument,
} from "@/lib/clouds/aws/trust-policy";
import { trustPolicyTooLarge } from "./explain";
import { contentSid, sameJson } from "./statement-spec";

// The pure half of apply's read-modify-write: change one statement (found by
// its Sid) in the trust policy IAM returned and keep everything else as it
// was. Other statements stay the very objects JSON.parse built from IAM's
// text, so their meaning is unchanged; serialising them again drops
// whitespace and may write escapes differently, and a key that looks like an
// array index ("0") moves first because JavaScript orders such keys so. No
// IAM element name is such a key.

type Json = Record<string, unknown>;

export type PolicyEdit = {
  edit: "add" | "replace" | "remove" | "none";
  document: Json;
  /** The statement before and after (null: absent). */
  before: Json | null;
  after: Json | null;
};

/** A statement without a Sid is matched by the key the read side gives it (statement-spec.ts). */
export function isStatementFor(statement: Json, key: string): boolean {
  const sid = statement.Sid;
  return typeof sid === "string" && sid !== "" ? sid === key : contentSid(statement) === key;
}

function withStatements(document: Json, statements: Json[]): Json {
  // A lone Statement object stays an object while one statement remains
  // (IAM policy grammar allows both forms).
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
  const single = !Array.isArray(document.Statement) && statements.length === 1;
  return { ...document, Statement: single ? statements[0] : statements };
}

export type EditOutcome =
  { ok: true; value: PolicyEdit } | { ok: false; error: Omit<CloudError, "object"> };

/** `desired` null removes the statement. */
export function editTrustPolicy(
  document: Json,
  statements: Json[],
  key: string,
  desired: Json | null,
  quota = trustPolicyDefaultQuota,
): EditOutcome {
  const matches = statements.flatMap((statement, index) =>
    isStatementFor(statement, key) ? [index] : [],
  );
  if (matches.length > 1) {
    return {
      ok: false,
      error: {
        kind: "conflict",
        code: "FedlensDuplicateSid",
        message: `The role's trust policy holds ${matches.length} statements with Sid ${key}.`,
        cause:
          "Fedlens finds its statement by Sid, and this one is not unique in the role's trust policy.",
        fix: "Give each statement of the role's trust policy its own Sid in IAM, then plan again.",
      },
    };
  }
  const index = matches[0];
  const current = index === undefined ? null : (statements[index] ?? null);
  let edit: PolicyEdit;
  if (desired === null) {
    edit = current
      ? {
          edit: "remove",
          document: withStatements(
            document,
            statements.filter((_, i) => i !== index),
          ),
          before: current,
          after: null,
        }
      : { edit: "none", document, before: null, after: null };
  } else if (current && sameJson(current, desired)) {
    edit = { edit: "none", document, before: current, after: current };
  } else {
    const next = current
      ? statements.map((statement, i) => (i === index ? desired : statement))
      : [...statements, desired];
    edit = {
      edit: current ? "replace" : "add",
      document: withStatements(document, next),
      before: current,
      after: desired,
    };
  }
  return checkEdit(edit, quota);
}

function checkEdit(edit: PolicyEdit, quota: number): EditOutcome {
  if (edit.edit === "none") return { ok: true, value: edit };
  const statement = edit.document.Statement;
  if (Array.isArray(statement) && statement.length === 0) {
    // A role nobody may assume is of no use, and the policy grammar wants a
    // statement; Fedlens leaves that decision to the operator.
    return {
      ok: false,
      error: {
        kind: "invalid",
        code: "FedlensEmptyTrustPolicy",
        message:
          "Removing this statement would leave the role's trust policy without any statement.",
        cause: "This statement is the last one of the role's trust policy.",
        fix: "Delete the role in IAM if nothing should assume it, or keep the binding.",
      },
    };
  }
  // IAM counts the policy without whitespace (CLOUDS.md 2.6); the default
  // quota is the one Fedlens can be sure of (an account's raised quota is not
  // readable through IAM), so a larger policy is refused before the call
  // rather than by IAM's LimitExceeded, unless the writer was told the quota.
  const length = trustPolicyLength(edit.document as TrustPolicyDocument);
  if (length > quota) {
    return {
      ok: false,
      error: {
        ...trustPolicyTooLarge,
        code: "FedlensTrustPolicyTooLarge",
        message: `The role's trust policy would be ${length} characters; the quota Fedlens writes within is ${quota}.`,
      },
    };
  }
  return { ok: true, value: edit };
}

/** The document exactly as UpdateAssumeRolePolicy receives it: compact JSON. */
export function serialisePolicy(document: Json): string {
  return JSON.stringify(document);
}
