// The real @aws-sdk/client-iam against Fedlens's IAM emulator and against moto:
// the same assertions on both wherever moto implements the call.
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolesCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { backends, trustPolicy, withIamBackend } from "./aws-iam-backends";

const GITHUB = "https://token.actions.githubusercontent.com";
const THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1";

describe.each(backends)("IAM through the AWS SDK against $name", (backendCase) => {
  if (backendCase.skip) {
    it.skip(`skipped: ${backendCase.skip}`, () => {});
    return;
  }
  const live = withIamBackend(backendCase);

  it("creates an OIDC provider, lists its ARN and gets its URL without the scheme", async () => {
    const created = await live.iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: GITHUB,
        ClientIDList: ["sts.amazonaws.com"],
        ThumbprintList: [THUMBPRINT],
      }),
    );
    const arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    expect(created.OpenIDConnectProviderArn).toBe(arn);
    expect(created.$metadata.requestId).toBeTruthy();

    const listed = await live.iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(listed.OpenIDConnectProviderList).toEqual([{ Arn: arn }]);

    const got = await live.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
    );
    expect(got).toMatchObject({
      Url: "token.actions.githubusercontent.com",
      ClientIDList: ["sts.amazonaws.com"],
      ThumbprintList: [THUMBPRINT],
    });
    expect(got.CreateDate).toBeInstanceOf(Date);
  });

  it("refuses a second provider for the same URL with EntityAlreadyExists (409)", async () => {
    const input = {
      Url: GITHUB,
      ClientIDList: ["sts.amazonaws.com"],
      ThumbprintList: [THUMBPRINT],
    };
    await live.iam.send(new CreateOpenIDConnectProviderCommand(input));
    await expect(
      live.iam.send(new CreateOpenIDConnectProviderCommand(input)),
    ).rejects.toMatchObject({
      name: "EntityAlreadyExistsException",
      $metadata: { httpStatusCode: 409 },
    });
  });

  it("answers NoSuchEntity (404) for an unknown provider", async () => {
    const arn = "arn:aws:iam::123456789012:oidc-provider/unknown.example.com";
    await expect(
      live.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })),
    ).rejects.toMatchObject({ name: "NoSuchEntityException", $metadata: { httpStatusCode: 404 } });
  });

  it("creates a role whose GetRole trust policy is URL-encoded and decodes to what was written", async () => {
    const policy = trustPolicy("repo:octo-org/octo-repo:environment:prod");
    const created = await live.iam.send(
      new CreateRoleCommand({ RoleName: "deploy", AssumeRolePolicyDocument: policy }),
    );
    expect(created.Role?.Arn).toBe("arn:aws:iam::123456789012:role/deploy");

    const got = await live.iam.send(new GetRoleCommand({ RoleName: "deploy" }));
    const encoded = got.Role?.AssumeRolePolicyDocument ?? "";
    expect(encoded).not.toContain("{");
    expect(decodeURIComponent(encoded)).toBe(policy);
    expect(got.Role).toMatchObject({ RoleName: "deploy", Path: "/" });
  });

  it("refuses a second role of the same name with EntityAlreadyExists (409)", async () => {
    const input = { RoleName: "deploy", AssumeRolePolicyDocument: trustPolicy("repo:o/r:*") };
    await live.iam.send(new CreateRoleCommand(input));
    await expect(live.iam.send(new CreateRoleCommand(input))).rejects.toMatchObject({
      name: "EntityAlreadyExistsException",
      $metadata: { httpStatusCode: 409 },
    });
  });

  it("pages 25 roles ten at a time with Marker and IsTruncated", async () => {
    const names = Array.from({ length: 25 }, (_, i) => `role-${String(i).padStart(2, "0")}`);
    for (const name of names) {
      await live.iam.send(
        new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy(name) }),
      );
    }
    const pages: { names: string[]; isTruncated?: boolean }[] = [];
    let marker: string | undefined;
    do {
      const page = await live.iam.send(new ListRolesCommand({ MaxItems: 10, Marker: marker }));
      pages.push({
        names: (page.Roles ?? []).map((r) => r.RoleName ?? ""),
        isTruncated: page.IsTruncated,
      });
      marker = page.Marker;
    } while (marker);

    expect(pages.map((p) => p.names.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.isTruncated)).toEqual([true, true, false]);
    expect(pages.flatMap((p) => p.names).sort()).toEqual(names);
  });

  it("replaces the whole trust document with UpdateAssumeRolePolicy", async () => {
    await live.iam.send(
      new CreateRoleCommand({
        RoleName: "deploy",
        AssumeRolePolicyDocument: trustPolicy("repo:o/r:*"),
      }),
    );
    const replacement = trustPolicy("repo:o/r:ref:refs/heads/main");
    await live.iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: "deploy", PolicyDocument: replacement }),
    );

    const got = await live.iam.send(new GetRoleCommand({ RoleName: "deploy" }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? "")).toBe(replacement);
  });

  it("answers NoSuchEntity (404) for GetRole and UpdateAssumeRolePolicy on an unknown role", async () => {
    const notFound = { name: "NoSuchEntityException", $metadata: { httpStatusCode: 404 } };
    await expect(live.iam.send(new GetRoleCommand({ RoleName: "absent" }))).rejects.toMatchObject(
      notFound,
    );
    await expect(
      live.iam.send(
        new UpdateAssumeRolePolicyCommand({ RoleName: "absent", PolicyDocument: trustPolicy("x") }),
      ),
    ).rejects.toMatchObject(notFound);
  });

  it("rejects a trust document that is not JSON with MalformedPolicyDocument (400)", async () => {
    await live.iam.send(
      new CreateRoleCommand({
        RoleName: "deploy",
        AssumeRolePolicyDocument: trustPolicy("repo:o/r:*"),
      }),
    );
    await expect(
      live.iam.send(
        new UpdateAssumeRolePolicyCommand({ RoleName: "deploy", PolicyDocument: "{not json" }),
      ),
    ).rejects.toMatchObject({
      name: "MalformedPolicyDocumentException",
      $metadata: { httpStatusCode: 400 },
    });
  });
});
