// The IAM emulator's wire format and signature check, seen without the SDK.
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { Agent, fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IamEmulator, startIamEmulator } from "@/test/emulators/aws/iam-server";
import { iamClient } from "./aws-iam-backends";
import { fakeAccessKeyId } from "@/test/emulators/aws/fake-access-key";

let emulator: IamEmulator;
let dispatcher: Agent;

beforeAll(async () => {
  emulator = await startIamEmulator();
  dispatcher = new Agent({ connect: { ca: emulator.ca } });
});
afterAll(async () => {
  await dispatcher.close();
  await emulator.close();
});

function signedLike(accessKeyId: string): string {
  return (
    `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261206/us-east-1/iam/aws4_request, ` +
    `SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`
  );
}

async function post(body: string, authorization?: string) {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
  };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(emulator.url, { method: "POST", headers, body, dispatcher });
  return {
    status: response.status,
    requestId: response.headers.get("x-amzn-requestid"),
    xml: await response.text(),
  };
}

const GET_ABSENT = "Action=GetRole&Version=2010-05-08&RoleName=absent";

describe("IAM emulator wire format", () => {
  it("answers an error in the documented ErrorResponse body with its request id", async () => {
    const { status, requestId, xml } = await post(GET_ABSENT, signedLike(emulator.accessKeyId));
    expect(status).toBe(404);
    expect(xml).toMatch(
      /^<ErrorResponse xmlns="[^"]+"><Error><Type>Sender<\/Type><Code>NoSuchEntity<\/Code><Message>[^<]+<\/Message><\/Error><RequestId>([\w-]+)<\/RequestId><\/ErrorResponse>$/,
    );
    expect(xml).toContain(`<RequestId>${requestId}</RequestId>`);
  });

  it("refuses a request without a signature (MissingAuthenticationToken, 403)", async () => {
    const { status, xml } = await post(GET_ABSENT);
    expect(status).toBe(403);
    expect(xml).toContain("<Code>MissingAuthenticationToken</Code>");
  });

  it("refuses an Authorization header that is not SigV4 (IncompleteSignature, 400)", async () => {
    const { status, xml } = await post(GET_ABSENT, "Basic Zm9vOmJhcg==");
    expect(status).toBe(400);
    expect(xml).toContain("<Code>IncompleteSignature</Code>");
  });

  it("refuses an unknown action or API version (InvalidAction, 400)", async () => {
    const auth = signedLike(emulator.accessKeyId);
    for (const body of [
      "Action=DeleteRole&Version=2010-05-08",
      "Action=GetRole&Version=2011-01-01",
    ]) {
      const { status, xml } = await post(body, auth);
      expect(status).toBe(400);
      expect(xml).toContain("<Code>InvalidAction</Code>");
    }
  });

  it("refuses the SDK signing with an unknown access key (InvalidClientTokenId, 403)", async () => {
    const stranger = iamClient(emulator, fakeAccessKeyId());
    await expect(stranger.send(new GetRoleCommand({ RoleName: "absent" }))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
      $metadata: { httpStatusCode: 403 },
    });
    stranger.destroy();
  });
});
