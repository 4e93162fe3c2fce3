// An account's OIDC provider whose thumbprints differ from the catalogue's
// (IAM fills the list itself for a provider created without one, and ignores
// it for issuers whose TLS it verifies against its own roots; CLOUDS.md 2.1).
// The provider is shared by every role naming the issuer and no binding owns
// it, so Fedlens neither plans nor makes a thumbprint change: plan, apply and
// plan again converge to nothing to do, and the provider keeps its list.
// Client ids the catalogue does not know are kept and ignored the same way.
import {
  CreateOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oidcProviderArn } from "@/lib/clouds/aws/ids";
import { createTestUser, type TestUser } from "@/test/factories/users";
import { ACCOUNT, GITHUB, THUMBPRINT } from "@/test/integration/clouds/aws/aws-adapter-fixture";
import { approveAndRun, planOfTarget, planStatus } from "./apply-support";
import { awsApplyWorld } from "./apply-worlds-aws";
import { setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
// Not the catalogue's THUMBPRINT.
const theirs = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

let operator: TestUser;
beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
});

describe.each([awsApplyWorld("emulator"), awsApplyWorld("moto")])("a $name", (world) => {
  if (world.skip) {
    it.skip(`skipped: ${world.skip}`, () => {});
    return;
  }
  beforeAll(() => world.start(), 120_000);
  afterAll(() => world.stop());

  const thumbprints = async () => {
    const got = await world.iam().send(
      new GetOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: oidcProviderArn(ACCOUNT, GITHUB),
      }),
    );
    return (got.ThumbprintList ?? []).map((t) => t.toLowerCase());
  };

  it("converges (plan, apply, plan again: nothing to do) when the provider's thumbprints differ", async () => {
    const targetId = await world.setUp(env.admin());
    await world.iam().send(
      new CreateOpenIDConnectProviderCommand({
        Url: GITHUB,
        ClientIDList: ["sts.amazonaws.com"],
        ThumbprintList: [theirs],
      }),
    );
    const binding = await world.addBinding();

    const first = await planOfTarget(env.admin(), targetId);
    expect(first.summary).toMatchObject({ create: 1, update: 0, pending: 1 });
    await approveAndRun(operator, first.id);
    expect(await planStatus(first.id)).toBe("applied");
    expect(await world.objectOf(binding)).not.toBeNull();

    const second = await planOfTarget(env.admin(), targetId);
    expect(second.summary).toMatchObject({ create: 0, update: 0, delete: 0, pending: 0 });
    expect(second.summary.unchanged).toBe(1);
    expect(await thumbprints()).toEqual([theirs]);
    expect(THUMBPRINT).not.toBe(theirs);
  }, 60_000);

  // The same for client ids: another role's audience on the shared provider
  // is neither planned away nor a reason to plan an update on every run.
  it("converges when the provider lists a client id the catalogue does not know", async () => {
    const targetId = await world.setUp(env.admin());
    await world.iam().send(
      new CreateOpenIDConnectProviderCommand({
        Url: GITHUB,
        ClientIDList: ["sts.amazonaws.com", "another-team"],
        ThumbprintList: [THUMBPRINT],
      }),
    );
    await world.addBinding();

    const first = await planOfTarget(env.admin(), targetId);
    expect(first.summary).toMatchObject({ create: 1, update: 0, pending: 1 });
    await approveAndRun(operator, first.id);
    expect(await planStatus(first.id)).toBe("applied");

    const second = await planOfTarget(env.admin(), targetId);
    expect(second.summary).toMatchObject({ create: 0, update: 0, delete: 0, pending: 0 });
    const got = await world.iam().send(
      new GetOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: oidcProviderArn(ACCOUNT, GITHUB),
      }),
    );
    expect(got.ClientIDList).toEqual(["sts.amazonaws.com", "another-team"]);
  }, 60_000);
});
