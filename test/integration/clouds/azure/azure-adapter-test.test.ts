// "Test connection" through the real SDK clients: who Fedlens is, a harmless
// read, and each way it fails, in Entra's or ARM's own words.
import { describe, expect, it } from "vitest";
import { setUpAdapterFixture } from "./azure-adapter-fixture";

const fx = setUpAdapterFixture();

describe("Azure adapter: test connection", () => {
  it("signs in with the client secret, names the service principal and reads one identity's credentials", async () => {
    const path = fx.identity("id-test-ok");
    fx.seed(path, 2);
    const result = await fx.adapter.test(fx.connection());
    expect(result).toMatchObject({ ok: true, principal: fx.principalObjectId });
    if (!result.ok) return;
    expect(result.details[0]).toContain(fx.clientId);
    expect(result.details[1]).toContain("id-test-ok");
    expect(result.details[1]).toContain("2 federated credential(s)");
  });

  it("reports a wrong client secret as AADSTS7000215 without throwing", async () => {
    const result = await fx.adapter.test(fx.connection({ secret: "not-the-secret" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: "unauthenticated", code: "AADSTS7000215" });
    expect(result.error.message).toContain("Invalid client secret provided");
    expect(result.error.fix).toContain("new client secret");
    expect(JSON.stringify(result)).not.toContain(fx.secret);
  });

  it("reports a client id Entra does not know in the tenant as AADSTS700016", async () => {
    const stranger = crypto.randomUUID();
    const result = await fx.adapter.test(fx.connection({ clientId: stranger }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: "unauthenticated", code: "AADSTS700016" });
    expect(result.error.message).toContain(
      `Application with identifier '${stranger}' was not found`,
    );
  });

  // MSAL reads the tenant's metadata first; Entra (and the emulator) answer an
  // unknown tenant there with AADSTS90002, which MSAL reports as its own code.
  it("reports a tenant Entra does not know as a tenant whose metadata could not be read", async () => {
    const result = await fx.adapter.test(
      fx.connection({ tenantId: "00000000-0000-4000-8000-00000000dead" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("unauthenticated");
    expect(result.error.code).toBe("endpoints_resolution_error");
    expect(result.error.cause).toContain("tenant id is unknown");
    expect(
      fx.requestsTo("00000000-0000-4000-8000-00000000dead/v2.0/.well-known/openid-configuration"),
    ).toBe(1);
  });

  it("reports a missing role as AuthorizationFailed with the role to assign", async () => {
    fx.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: "userAssignedIdentities" });
    const result = await fx.adapter.test(fx.connection());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      kind: "denied",
      code: "AuthorizationFailed",
      status: 403,
    });
    expect(result.error.message).toContain("does not have authorization");
    expect(result.error.fix).toContain("Reader");
  });

  it("also reads the first named app registration, and says when Graph refuses", async () => {
    const app = fx.emulator.graph.addApplication();
    const connection = fx.connection({ scope: { applicationObjectIds: [app] } });
    const ok = await fx.adapter.test(connection);
    expect(ok.ok && ok.details.at(-1)).toBe(
      `Read app registration ${app}: 0 federated credential(s).`,
    );
    fx.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: `/applications/${app}` });
    const denied = await fx.adapter.test(connection);
    expect(denied).toMatchObject({
      ok: false,
      error: { kind: "denied", code: "Authorization_RequestDenied", status: 403 },
    });
  });
});
