import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { fakeAccessKeyId } from "@/test/emulators/aws/fake-access-key";
import * as item from "@/app/api/v1/connections/[id]/route";
import * as secretRoute from "@/app/api/v1/connections/[id]/secret/route";
import * as testRoute from "@/app/api/v1/connections/[id]/test/route";
import * as collection from "@/app/api/v1/connections/route";
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { call } from "@/test/support/http";

// Calls the connections' real route handlers the way the API client would,
// and builds request bodies for each cloud with unique names.

export const unknownId = "00000000-0000-4000-8000-000000000000";

/** A value no real secret contains: grepping for it finds every copy. */
export function canary(label: string): string {
  return `CANARY${label}${randomBytes(12).toString("hex")}`;
}

/** An AKIA access key id made up per run (never a committed key-shaped literal). */
export const accessKeyId = fakeAccessKeyId;

export function serviceAccountKey(
  privateKeyId: string,
  tokenUri = "https://oauth2.googleapis.com/token",
) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    type: "service_account",
    project_id: "fedlens-test-1",
    private_key_id: privateKeyId,
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: "fedlens-reader@fedlens-test-1.iam.gserviceaccount.com",
    client_id: "100000000000000000001",
    auth_uri: "https://accounts.google.com/o/oauth2/auth",
    token_uri: tokenUri,
  };
}

export const scopes = {
  azure: {
    tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    subscriptionIds: ["0b1f6471-1bf0-4dda-aec3-111122223333"],
  },
  aws: { accountId: "123456789012", region: "eu-west-1" },
  gcp: { projectId: "fedlens-test-1", projectNumber: "482915736104" },
} as const;

type Cloud = keyof typeof scopes;

export function connectionBody(cloud: Cloud, overrides: Record<string, unknown> = {}) {
  return {
    name: `conn-${cloud}-${randomUUID().slice(0, 8)}`,
    cloud,
    scope: scopes[cloud],
    auth: { kind: "ambient" },
    ...overrides,
  };
}

/** A stored-secret auth block for the cloud whose secret value is `secret`. */
export function secretAuth(cloud: Cloud, secret: string) {
  switch (cloud) {
    case "azure":
      return { kind: "secret", clientId: randomUUID(), clientSecret: secret };
    case "aws":
      return { kind: "secret", accessKeyId: accessKeyId(), secretAccessKey: secret };
    case "gcp":
      // The canary stands in the key's own id as well as being sealed with it.
      return { kind: "secret", serviceAccountKey: JSON.stringify(serviceAccountKey(secret)) };
  }
}

export const postConnection = (token: string, body: unknown) =>
  call(collection.POST, { method: "POST", path: "/api/v1/connections", token, body });

export const listConnections = (token: string, query = "") =>
  call(collection.GET, { path: `/api/v1/connections${query ? `?${query}` : ""}`, token });

export const getConnection = (token: string, id: string) =>
  call(item.GET, { path: `/api/v1/connections/${id}`, params: { id }, token });

export const patchConnection = (
  token: string,
  id: string,
  body: unknown,
  ifMatch: string | null = '"v1"',
) =>
  call(item.PATCH, {
    method: "PATCH",
    path: `/api/v1/connections/${id}`,
    params: { id },
    token,
    body,
    headers: ifMatch === null ? {} : { "if-match": ifMatch },
  });

export const deleteConnection = (token: string, id: string, ifMatch = '"v1"') =>
  call(item.DELETE, {
    method: "DELETE",
    path: `/api/v1/connections/${id}`,
    params: { id },
    token,
    headers: { "if-match": ifMatch },
  });

export const putSecret = (token: string, id: string, body: unknown) =>
  call(secretRoute.PUT, {
    method: "PUT",
    path: `/api/v1/connections/${id}/secret`,
    params: { id },
    token,
    body,
  });

export const postTest = (token: string, id: string) =>
  call(testRoute.POST, {
    method: "POST",
    path: `/api/v1/connections/${id}/test`,
    params: { id },
    token,
  });

/** A master key for the file, so nothing is generated into the working directory. */
export function withTestSecretKey(): void {
  beforeAll(() => {
    process.env.FEDLENS_SECRET_KEY = randomBytes(32).toString("base64");
    resetEnvCache();
  });
  afterAll(() => {
    delete process.env.FEDLENS_SECRET_KEY;
    resetEnvCache();
  });
}
