import { randomBytes } from "node:crypto";
import type { Caller } from "./iam-auth";
import { IamError, validationError } from "./iam-error";
import { requiredParam } from "./iam-params";
import { ACCOUNT_ID, type IamState, type Role, newUniqueId } from "./iam-state";
import type { XmlNode } from "./iam-xml";

// STS's GetCallerIdentity and AssumeRole, answered on the same endpoint as IAM
// (both are Query APIs dispatched by Action).

// Needs no permission; Arn is the user, or the assumed-role session.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
export function getCallerIdentity(_state: IamState, _params: URLSearchParams, caller: Caller) {
  return { UserId: caller.userId, Account: ACCOUNT_ID, Arn: caller.arn };
}

type Statement = { Effect?: unknown; Action?: unknown; Principal?: unknown };

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function namesAction(statement: Statement): boolean {
  return list(statement.Action).some(
    (action) =>
      typeof action === "string" && ["sts:assumerole", "sts:*", "*"].includes(action.toLowerCase()),
  );
}

// A principal element names the caller by its ARN, its account (id or root
// ARN) or "*". https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
function namesCaller(statement: Statement, caller: Caller): boolean {
  const principal = statement.Principal;
  const aws =
    principal === "*" ? ["*"] : list((principal as { AWS?: unknown } | undefined)?.AWS ?? []);
  const accepted = ["*", caller.arn, ACCOUNT_ID, `arn:aws:iam::${ACCOUNT_ID}:root`];
  return aws.some((entry) => typeof entry === "string" && accepted.includes(entry));
}

/**
 * Whether the trust policy lets the caller assume the role: an Allow naming
 * it and no Deny. The emulator treats a same-account principal named in the
 * trust policy as enough (the identity policy is not modelled).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
function trusts(role: Role, caller: Caller): boolean {
  let statements: Statement[];
  try {
    statements = list(
      (JSON.parse(role.policy) as { Statement?: unknown }).Statement,
    ) as Statement[];
  } catch {
    return false;
  }
  const matching = statements.filter((s) => namesAction(s) && namesCaller(s, caller));
  return matching.some((s) => s.Effect === "Allow") && !matching.some((s) => s.Effect === "Deny");
}

// RoleSessionName: 2–64 of [\w+=,.@-]; DurationSeconds 900 up to the role's
// MaxSessionDuration (ValidationError above it). A role the caller may not
// assume, or that does not exist, is AccessDenied (403) naming both.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
export function assumeRole(state: IamState, params: URLSearchParams, caller: Caller): XmlNode {
  const roleArn = requiredParam(params, "RoleArn");
  const sessionName = requiredParam(params, "RoleSessionName");
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw validationError(
      "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  }
  const duration = Number(params.get("DurationSeconds") ?? 3600);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
    throw validationError(
      "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200",
    );
  }
  const role = [...state.roles.values()].find((candidate) => candidate.arn === roleArn);
  if (!role || !trusts(role, caller)) {
    throw new IamError(
      "AccessDenied",
      403,
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }
  if (duration > role.maxSessionDuration) {
    throw validationError(
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }
  const accessKeyId = newUniqueId("ASIA", 16);
  const userId = `${role.id}:${sessionName}`;
  const arn = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${role.name}/${sessionName}`;
  const sessionToken = randomBytes(48).toString("base64");
  const expiration = new Date(Date.now() + duration * 1000);
  state.sessions.set(accessKeyId, { arn, userId, sessionToken, expiration });
  return {
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: randomBytes(30).toString("base64"),
      SessionToken: sessionToken,
      Expiration: expiration.toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
  };
}
