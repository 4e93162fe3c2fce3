// User-assigned identities on the Azure emulator through the real
// @azure/arm-msi client: list by subscription and by resource group with
// nextLink paging, get with its ids, 404 ResourceNotFound, api-version check.
import { createPipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { RG, restError, setUpMsiFixture, SUB } from "./azure-msi-fixture";

const fx = setUpMsiFixture(2);

describe("Azure emulator: user-assigned identities", () => {
  it("lists a subscription's identities over nextLink pages and a resource group's alone", async () => {
    const names = ["ua-a", "ua-b", "ua-c"];
    for (const name of names) fx.emulator.store.addIdentity(SUB, RG, name);
    fx.emulator.store.addIdentity(SUB, "rg-other", "ua-d");
    fx.emulator.store.addIdentity("00000000-0000-4000-8000-0000000000ff", RG, "ua-elsewhere");
    const client = fx.msiClient();
    const all = [];
    for await (const identity of client.userAssignedIdentities.listBySubscription())
      all.push(identity.name);
    expect(all).toEqual([...names, "ua-d"]);
    const pages = fx.emulator.requests.filter((r) =>
      r.path.endsWith(
        `/subscriptions/${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
      ),
    );
    expect(pages).toHaveLength(2);
    const inGroup = [];
    for await (const identity of client.userAssignedIdentities.listByResourceGroup("RG-FEDLENS")) {
      inGroup.push(identity.name);
    }
    expect(inGroup).toEqual(names);
  });

  it("gets an identity with the client, principal and tenant ids Entra gave it", async () => {
    const path = fx.emulator.store.addIdentity(SUB, RG, "ua-get");
    const stored = fx.emulator.store.identity(path)!;
    const got = await fx.msiClient().userAssignedIdentities.get(RG, "ua-get");
    expect(got).toMatchObject({
      id: path,
      name: "ua-get",
      type: "Microsoft.ManagedIdentity/userAssignedIdentities",
      clientId: stored.clientId,
      principalId: stored.principalId,
      tenantId: stored.tenantId,
    });
  });

  it("answers a deleted identity with 404 ResourceNotFound, and its FICs with 404 NotFound", async () => {
    const path = fx.emulator.store.addIdentity(SUB, RG, "ua-gone");
    fx.emulator.store.removeIdentity(path);
    const client = fx.msiClient();
    const error = await restError(client.userAssignedIdentities.get(RG, "ua-gone"));
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe("ResourceNotFound");
    const fics = await restError(client.federatedIdentityCredentials.list(RG, "ua-gone").next());
    expect(fics.code).toBe("NotFound");
  });

  it("answers 403 AuthorizationFailed on one identity while the list still works", async () => {
    fx.emulator.store.addIdentity(SUB, RG, "ua-hidden");
    fx.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: "/ua-hidden" });
    const client = fx.msiClient();
    const error = await restError(client.userAssignedIdentities.get(RG, "ua-hidden"));
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe("AuthorizationFailed");
    await expect(
      client.userAssignedIdentities.listByResourceGroup(RG).next(),
    ).resolves.toMatchObject({
      done: false,
    });
  });

  it("refuses an api-version that never served identities", async () => {
    const client = fx.msiClient();
    const url = `${fx.emulator.endpoint}/subscriptions/${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version=2017-01-01`;
    const response = await client.sendRequest(createPipelineRequest({ url, method: "GET" }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.bodyAsText ?? "{}")).toMatchObject({
      error: { code: "NoRegisteredProviderFound" },
    });
  });
});
