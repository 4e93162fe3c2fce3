// Fault paths of the Azure emulator seen through the real @azure/arm-msi client:
// throttling, transient failures, one forbidden object and concurrent writes (CLOUDS.md §1.5).
import { describe, expect, it } from "vitest";
import { AUDIENCES, ISSUER, RG, restError, setUpMsiFixture } from "./azure-msi-fixture";

const fx = setUpMsiFixture();

describe("Azure emulator faults through @azure/arm-msi", () => {
  it("answers 409 to a write that overlaps another write on the same identity", async () => {
    const name = fx.newIdentity();
    // The first write is parked inside the emulator until the second has been answered.
    const hold = fx.emulator.faults.hold({ method: "PUT", pathIncludes: `/${name}/` });
    const client = fx.msiClient();
    const put = (fic: string) =>
      client.federatedIdentityCredentials.createOrUpdate(RG, name, fic, {
        issuer: ISSUER,
        subject: fic,
        audiences: AUDIENCES,
      });
    const first = put("first-one");
    await hold.reached;
    const error = await restError(put("second-one"));
    hold.release();
    await expect(first).resolves.toMatchObject({ name: "first-one" });
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe("ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity");
    expect(fx.emulator.store.fics(fx.identityPath).map((f) => f.name)).toEqual(["first-one"]);
  });

  it("retries a 429 only after the Retry-After the emulator sent", async () => {
    const name = fx.newIdentity();
    fx.seed(1);
    fx.emulator.faults.add(
      { kind: "status", status: 429, retryAfterSeconds: 1 },
      { method: "GET", pathIncludes: "/fic-0" },
      1,
    );
    const got = await fx.msiClient().federatedIdentityCredentials.get(RG, name, "fic-0");
    expect(got.name).toBe("fic-0");
    const calls = fx.emulator.requests.filter((r) =>
      r.path.endsWith(`${name}/federatedIdentityCredentials/fic-0`),
    );
    expect(calls).toHaveLength(2);
    const [first, second] = calls as [(typeof calls)[0], (typeof calls)[0]];
    expect(second.at - first.at).toBeGreaterThanOrEqual(990);
  });

  it("recovers from one 503 and one connection reset through the SDK's retries", async () => {
    const name = fx.newIdentity();
    fx.seed(1);
    fx.emulator.faults.add({ kind: "status", status: 503 }, { pathIncludes: "/fic-0" }, 1);
    fx.emulator.faults.add({ kind: "reset" }, { pathIncludes: "/fic-0" }, 1);
    const got = await fx.msiClient().federatedIdentityCredentials.get(RG, name, "fic-0");
    expect(got.name).toBe("fic-0");
    expect(
      fx.emulator.requests.filter((r) =>
        r.path.endsWith(`${name}/federatedIdentityCredentials/fic-0`),
      ),
    ).toHaveLength(3);
  });

  it("answers 403 AuthorizationFailed on one object while its neighbour stays readable", async () => {
    const name = fx.newIdentity();
    fx.seed(2);
    fx.emulator.faults.add(
      { kind: "forbidden" },
      { pathIncludes: `/${name}/federatedIdentityCredentials/fic-1` },
    );
    const client = fx.msiClient();
    const error = await restError(client.federatedIdentityCredentials.get(RG, name, "fic-1"));
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe("AuthorizationFailed");
    await expect(client.federatedIdentityCredentials.get(RG, name, "fic-0")).resolves.toMatchObject(
      { name: "fic-0" },
    );
  });
});
