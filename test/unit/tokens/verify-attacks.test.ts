// SECURITY.md 1.3: the attack recipes refused on the token itself, before or
// regardless of the issuer's keys, each with the reason code the safe
// behaviour calls for (the recipes are in support/hostile-tokens.ts). Key-related recipes (J3–J7, J24, J25, J30) are in
// verify-key-attacks.test.ts; J13–J17 (claim values) in claim-checks.test.ts;
// J22/J23 in the classify and decode tests.
import { beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "@/lib/tokens/verify";
import {
  claimsAt,
  forge,
  generateTestKeys,
  hmacSigner,
  signerFor,
  type TestKeys,
} from "@/test/unit/tokens/support/forge";
import { hostileTokens } from "@/test/unit/tokens/support/hostile-tokens";

let keys: TestKeys;

beforeAll(async () => {
  keys = await generateTestKeys();
});

const issuerKeys = () => ({ keys: [keys.rsa.jwk, keys.ec256.jwk] });
const rs256 = (header: object, claims: object = claimsAt()) =>
  forge({ alg: "RS256", ...header }, claims, signerFor("RS256", keys.rsa.privateKey));
const attacks = hostileTokens(() => keys);

/** A key set that records whether verification ever looked at it. */
function watchedKeys() {
  const watch = { read: false };
  const jwks = {
    get keys() {
      watch.read = true;
      return [keys.rsa.jwk];
    },
  };
  return { watch, jwks };
}

describe("verifySignature against SECURITY.md 1.3 attacks", () => {
  it.each(attacks)("refuses %s with %s", async (_label, build, reason, message) => {
    const verdict = await verifySignature(await build(), issuerKeys());
    expect(verdict).toMatchObject({ status: "invalid", reason });
    if (message) expect(verdict.message).toMatch(message);
  });

  it.each([
    ["alg none", () => forge({ alg: "nOnE" }, claimsAt(), "")],
    ["HS256", () => forge({ alg: "HS256", kid: "rsa-1" }, claimsAt(), hmacSigner("HS256", "x"))],
  ])("refuses %s before looking at any key (J1, J2)", async (_label, build) => {
    const { watch, jwks } = watchedKeys();
    await verifySignature(build(), jwks);
    expect(watch.read).toBe(false);
  });

  it("still verifies the genuine token after every broken variant (J28 persistence)", async () => {
    for (const [, build] of attacks) await verifySignature(await build(), issuerKeys());
    expect(await verifySignature(rs256({ kid: "rsa-1" }), issuerKeys())).toMatchObject({
      status: "valid",
    });
  });
});
