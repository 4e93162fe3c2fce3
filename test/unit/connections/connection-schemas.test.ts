import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZServiceAccountKey } from "@/lib/schemas/connection-auth";
import { ZEndpointUrl } from "@/lib/schemas/connection-endpoints";
import { ZConnectionCreateForm, ZConnectionSecretForm } from "@/lib/schemas/connection-form";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);

describe("an endpoint override", () => {
  it.each([
    ["https://management.usgovcloudapi.net", []],
    ["https://emulator.example.com:8443/arm/", []],
    // http is a format the server may allow for listed hosts.
    ["http://127.0.0.1:8080", []],
    ["management.azure.com", ["must be a URL such as https://example.com"]],
    ["ftp://example.com", ["must be an https URL"]],
    ["https:/example.com", ["must be an https URL"]],
    ["https://user:pw@example.com", ["must not contain a user name or password"]],
    ["https://example.com@evil.example", ["must not contain a user name or password"]],
    ["https://example.com/?api-version=1", ["must not have a query string"]],
    ["https://example.com/#x", ["must not have a fragment"]],
  ])("%s → %j", (url, expected) => {
    expect(messages(ZEndpointUrl.safeParse(url))).toEqual(expected);
  });
});

describe("a service-account key", () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const key = {
    type: "service_account",
    private_key_id: "abc",
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: "reader@project.iam.gserviceaccount.com",
    token_uri: "https://oauth2.googleapis.com/token",
  };

  it("is read from JSON text or an object, keeping the text and naming the account", () => {
    const parsed = ZServiceAccountKey.parse(JSON.stringify(key));
    expect(parsed).toEqual({
      text: JSON.stringify(key),
      clientEmail: key.client_email,
      tokenUri: key.token_uri,
    });
    expect(ZServiceAccountKey.parse(key).clientEmail).toBe(key.client_email);
  });

  it.each<[string, unknown, string]>([
    ["not JSON", "{'type':", "is not valid JSON: paste the whole key file"],
    [
      "another credential type",
      { ...key, type: "authorized_user" },
      "is not a service-account key (its type must be service_account)",
    ],
    ["no email", { ...key, client_email: "reader" }, "has no valid client_email"],
    [
      "a certificate for a key",
      { ...key, private_key: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" },
      "has a private_key that is not a PEM private key",
    ],
    [
      "a token_uri with a query string",
      { ...key, token_uri: "https://oauth2.example.com/token?x=1" },
      "has a token_uri that must not have a query string",
    ],
  ])("refuses %s without quoting it", (_label, value, message) => {
    const result = ZServiceAccountKey.safeParse(value);
    expect(messages(result)).toEqual([message]);
    expect(JSON.stringify(result.error)).not.toContain("BEGIN PRIVATE KEY");
  });
});

describe("the connection forms' fields", () => {
  it("become the API's body: lists one per line, blanks dropped, only the cloud's endpoints", () => {
    const parsed = ZConnectionCreateForm.parse({
      cloud: "aws",
      name: "prod",
      "scope.accountId": "123456789012",
      "scope.region": "eu-west-1",
      "scope.roleArn": "",
      "auth.kind": "ambient",
      "endpoints.awsEndpoint": "https://iam.example.com",
      "endpoints.gcpRootUrl": "https://ignored.example.com",
      caBundle: "",
    });
    expect(parsed).toEqual({
      name: "prod",
      cloud: "aws",
      scope: { accountId: "123456789012", region: "eu-west-1" },
      auth: { kind: "ambient" },
      endpoints: { awsEndpoint: "https://iam.example.com" },
      caBundle: null,
    });
  });

  it("name each error by the field it came from", () => {
    const result = ZConnectionCreateForm.safeParse({
      cloud: "azure",
      name: "x",
      "scope.tenantId": "nope",
      "scope.subscriptionIds": "",
      "auth.kind": "secret",
      "auth.clientId": "",
      "auth.clientSecret": "",
    });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "scope.tenantId",
      "scope.subscriptionIds",
      "auth.clientId",
      "auth.clientSecret",
    ]);
  });

  it("turn an empty secret field into none, for the replace form", () => {
    expect(
      ZConnectionSecretForm.parse({
        id: "8d6c7c52-7a57-4c1a-9a41-2a3c3e9bd111",
        clientId: "",
        clientSecret: "s",
      }),
    ).toEqual({ id: "8d6c7c52-7a57-4c1a-9a41-2a3c3e9bd111", clientSecret: "s" });
  });
});
