import type { CloudError } from "@/lib/clouds/adapter-types";
import { isRecord } from "@/lib/json/is-record";

// A role's trust policy as IAM returns it: URL-encoded (RFC 3986) JSON in
// Role.AssumeRolePolicyDocument, from GetRole and ListRoles alike (CLOUDS.md 2.9).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html

export type DecodedPolicy =
  | {
      ok: true;
      /** The whole document as IAM holds it (Version, Id, Statement…), for a read-modify-write. */
      document: Record<string, unknown>;
      statements: Record<string, unknown>[];
    }
  | { ok: false; message: string };

export function decodeTrustPolicy(encoded: string | undefined): DecodedPolicy {
  if (!encoded) return { ok: false, message: "The role has no trust policy." };
  let document: unknown;
  try {
    document = JSON.parse(decodeURIComponent(encoded));
  } catch {
    return { ok: false, message: "The role's trust policy is not URL-encoded JSON." };
  }
  if (!isRecord(document))
    return { ok: false, message: "The role's trust policy is not an object." };
  // Statement is one object or a list of them (IAM JSON policy grammar).
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
  const raw = document.Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (!statements.every(isRecord)) {
    return {
      ok: false,
      message: "The role's trust policy holds a statement that is not an object.",
    };
  }
  return { ok: true, document, statements };
}

/** What Fedlens reports for a trust policy it cannot read (its own finding, hence the Fedlens code). */
export function unreadablePolicyError(message: string, object: string | undefined): CloudError {
  return {
    kind: "invalid",
    code: "FedlensUnreadableTrustPolicy",
    message,
    cause: "Fedlens could not read the role's trust policy as JSON.",
    fix: "Open the role in the IAM console and check its trust relationships.",
    object,
  };
}

/** A role (or the catalogue's copy of it) whose settings the catalogue's schema refuses. */
export function invalidTargetError(message: string, object: string | undefined): CloudError {
  return {
    kind: "invalid",
    code: "FedlensInvalidTarget",
    message,
    cause: "The role or one of its OIDC providers has settings the catalogue cannot hold.",
    fix: "Check the role and its OIDC providers' client ids (audiences) in IAM, or edit the target.",
    object,
  };
}
