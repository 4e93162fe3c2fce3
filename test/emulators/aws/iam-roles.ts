import { IamError, noSuchEntity, validationError } from "./iam-error";
import { requiredParam } from "./iam-params";
import { ACCOUNT_ID, type IamState, type Role, newRoleId } from "./iam-state";
import { checkTrustPolicy, encodePolicy } from "./iam-trust-policy";
import type { XmlNode } from "./iam-xml";

// RoleName: 1–64 of [\w+=,.@-]. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

// The Role shape; AssumeRolePolicyDocument is URL-encoded (RFC 3986).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html
function roleXml(role: Role): XmlNode {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.createDate.toISOString(),
    AssumeRolePolicyDocument: encodePolicy(role.policy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
  };
}

export function roleOf(state: IamState, params: URLSearchParams): Role {
  const name = requiredParam(params, "RoleName");
  const role = state.roles.get(name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
export function createRole(state: IamState, params: URLSearchParams): XmlNode {
  const name = requiredParam(params, "RoleName");
  if (!ROLE_NAME.test(name)) throw validationError(`Invalid RoleName ${name}`);
  const policy = requiredParam(params, "AssumeRolePolicyDocument");
  checkTrustPolicy(policy, state.trustPolicyQuota);
  if (state.roles.has(name)) {
    throw new IamError("EntityAlreadyExists", 409, `Role with name ${name} already exists.`);
  }
  const path = params.get("Path") ?? "/";
  const role: Role = {
    name,
    id: newRoleId(),
    arn: `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`,
    path,
    policy,
    description: params.get("Description") ?? undefined,
    maxSessionDuration: Number(params.get("MaxSessionDuration") ?? 3600),
    createDate: new Date(),
  };
  state.roles.set(name, role);
  return { Role: roleXml(role) };
}

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html
export function getRole(state: IamState, params: URLSearchParams): XmlNode {
  return { Role: roleXml(roleOf(state, params)) };
}

// MaxItems 1–1000 (default 100); Marker is opaque and only valid as returned.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html
export function listRoles(state: IamState, params: URLSearchParams): XmlNode {
  const maxItems = Number(params.get("MaxItems") ?? 100);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw validationError("MaxItems must be between 1 and 1000");
  }
  const marker = params.get("Marker");
  const start = marker === null ? 0 : Number(Buffer.from(marker, "base64url").toString());
  if (!Number.isInteger(start) || start < 0) throw validationError("Invalid Marker");
  const roles = [...state.roles.values()].sort((a, b) => a.name.localeCompare(b.name));
  const page = roles.slice(start, start + maxItems);
  const isTruncated = start + maxItems < roles.length;
  return {
    Roles: page.map(roleXml),
    IsTruncated: isTruncated,
    Marker: isTruncated ? Buffer.from(String(start + maxItems)).toString("base64url") : undefined,
  };
}

// Replaces the whole trust document. https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
export function updateAssumeRolePolicy(state: IamState, params: URLSearchParams): undefined {
  const role = roleOf(state, params);
  const policy = requiredParam(params, "PolicyDocument");
  checkTrustPolicy(policy, state.trustPolicyQuota);
  role.policy = policy;
  return undefined;
}
