import { describe, expect, it } from "vitest";
import { evaluateGcp } from "@/lib/clouds/gcp/match";
import type { TokenFacts } from "@/lib/federation/types";
import { at, binding, githubClaims } from "./fixtures";

// The answers that read only the header's absence and the signature's state
// are built once and shared; evaluated in turn, each token must still be
// told what its own header and signature were.

describe("GCP answers kept between evaluations", () => {
  it("say what the header and signature were, whatever the token before", () => {
    const claims = githubClaims();
    const tokens: TokenFacts[] = [
      { header: {}, claims, signature: "skipped" },
      { header: { alg: "RS256", kid: "k1" }, claims, signature: "valid" },
      { header: { alg: "RS256" }, claims, signature: "skipped" },
      { header: {}, claims, signature: "skipped" },
      { header: { alg: "RS256", kid: "k1" }, claims, signature: "valid" },
    ];
    const messages = tokens.map((token) =>
      evaluateGcp({ token, binding: binding(), at })
        .checks.filter((check) => check.check === "algorithm" || check.check === "signature")
        .map((check) => check.message),
    );
    const notGiven = "No JOSE header given, so the algorithm and kid were not checked.";
    const unsigned = "Not checked: claims were given instead of a signed token.";
    const verified = "Signature verified with the issuer's keys.";
    expect(messages).toEqual([
      [notGiven, unsigned],
      ["Signed with RS256.", verified],
      ["Signed with RS256; no kid given, so its presence was not checked.", unsigned],
      [notGiven, unsigned],
      ["Signed with RS256.", verified],
    ]);
  });
});
