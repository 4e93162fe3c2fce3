import type { ActualBinding, ActualTarget } from "@/lib/clouds/adapter-types";
import { oidcProviderArn } from "@/lib/clouds/aws/ids";
import { azureUamiIdentity } from "@/lib/clouds/azure/target-config";
import type { Cloud } from "@/lib/clouds/types";

// Objects as the adapters return them (lib/clouds/adapter-types.ts): target
// configs each kind's configSchema accepts, binding specs each cloud's
// bindingSpecSchema accepts, keyed the way the adapters key them.

export const github = "https://token.actions.githubusercontent.com";
export const azureAudience = "api://AzureADTokenExchange";
export const tenantId = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
export const subscriptionId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
export const accountId = "123456789012";
export const projectNumber = "482915736104";
export const serviceAccount = "deployer@contoso-prod.iam.gserviceaccount.com";

/** The key each adapter matches a catalogue spec by (ActualBinding.key). */
export function testBindingKey(cloud: Cloud) {
  return (spec: unknown): string => {
    const value = spec as Record<string, string>;
    if (cloud === "azure") return value.name ?? "";
    if (cloud === "aws") return value.sid ?? "";
    return `${value.serviceAccountEmail} ${value.role} ${value.member}`;
  };
}

export function uamiTarget(identityName: string, bindings: ActualBinding[]): ActualTarget {
  const config = {
    tenantId,
    subscriptionId,
    resourceGroup: "rg-ci",
    identityName,
    clientId: "11111111-2222-4333-8444-555555555555",
    principalId: "66666666-7777-4888-8999-aaaaaaaaaaaa",
  };
  return {
    kind: "azure-uami",
    config,
    externalId: azureUamiIdentity(config).externalId,
    displayName: identityName,
    bindings,
  };
}

export function appTarget(bindings: ActualBinding[]): ActualTarget {
  const applicationObjectId = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff";
  return {
    kind: "azure-app",
    config: {
      tenantId,
      applicationObjectId,
      clientId: "12121212-3434-4565-8787-909090909090",
      displayName: "deploy-app",
    },
    externalId: `/tenants/${tenantId}/applications/${applicationObjectId}`,
    displayName: "deploy-app",
    bindings,
  };
}

export function fic(
  name: string,
  match: { subject: string } | { expression: string },
  issuer = github,
): ActualBinding {
  const spec = {
    cloud: "azure",
    name,
    issuer,
    audiences: [azureAudience],
    ...("subject" in match
      ? { subject: match.subject }
      : { claimsMatchingExpression: { value: match.expression, languageVersion: 1 } }),
  };
  return { key: name, spec, cloudObject: { name, properties: spec } };
}

export const awsProviderKey = "token.actions.githubusercontent.com";

export function trustStatement(sid: string, operator: "StringEquals" | "StringLike", sub: string) {
  const aud = { [`${awsProviderKey}:aud`]: "sts.amazonaws.com" };
  const subject = { [`${awsProviderKey}:sub`]: sub };
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Federated: oidcProviderArn(accountId, github) },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition:
      operator === "StringEquals"
        ? { StringEquals: { ...aud, ...subject } }
        : { StringEquals: aud, StringLike: subject },
  };
}

export function statementBinding(
  sid: string,
  operator: "StringEquals" | "StringLike",
  sub: string,
): ActualBinding {
  const statement = trustStatement(sid, operator, sub);
  return {
    key: sid,
    spec: { cloud: "aws", sid, providerUrl: github, mode: "raw", statement },
    cloudObject: { statement },
  };
}

export function roleTarget(
  roleName: string,
  bindings: ActualBinding[],
  foreign: ActualTarget["foreign"] = [],
): ActualTarget {
  return {
    kind: "aws-role",
    config: {
      accountId,
      roleName,
      path: "/",
      oidcProviders: [{ url: github, clientIds: ["sts.amazonaws.com"], thumbprints: [] }],
    },
    externalId: `arn:aws:iam::${accountId}:role/${roleName}`,
    displayName: roleName,
    bindings,
    foreign,
  };
}

const poolPath = `projects/${projectNumber}/locations/global/workloadIdentityPools/github-pool`;

export function gcpGrant(name: string, member: string): ActualBinding {
  const principalSet = member.startsWith("attribute.");
  const [attributeName, ...value] = member.slice("attribute.".length).split("/");
  const full = principalSet
    ? `principalSet://iam.googleapis.com/${poolPath}/${member}`
    : `principal://iam.googleapis.com/${poolPath}/subject/${member}`;
  const spec = {
    cloud: "gcp",
    name,
    serviceAccountEmail: serviceAccount,
    role: "roles/iam.workloadIdentityUser",
    ...(principalSet
      ? { memberKind: "attribute", attributeName, attributeValue: value.join("/") }
      : { memberKind: "subject" }),
    member: full,
  };
  return {
    key: `${serviceAccount} roles/iam.workloadIdentityUser ${full}`,
    spec,
    cloudObject: { member: full },
  };
}

export function providerTarget(bindings: ActualBinding[]): ActualTarget {
  return {
    kind: "gcp-provider",
    config: {
      projectNumber,
      poolId: "github-pool",
      providerId: "github",
      issuerUri: github,
      allowedAudiences: [],
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.repository": "assertion.repository",
      },
      attributeCondition: "assertion.repository_owner == 'contoso'",
      disabled: false,
      serviceAccountEmail: serviceAccount,
    },
    externalId: `//iam.googleapis.com/${poolPath}/providers/github`,
    displayName: "github",
    bindings,
  };
}
