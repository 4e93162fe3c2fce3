import { describe, expect, it } from "vitest";
import type { Evaluation } from "@/lib/federation/types";
import { judgePrediction, type Judge } from "@/lib/trust-map/judge-prediction";
import type { PredictedToken } from "@/lib/trust-map/predicted-token";

// A verdict is undecided only when the evaluation that gave it read a claim
// Fedlens cannot know and that claim can move it. Judgements follow one
// another by the hundred thousand in a map build: what one evaluation read
// must never count for the next.

const token: PredictedToken = {
  iss: "https://issuer.example",
  claims: { iss: "https://issuer.example", sub: "repo:contoso/web:ref:refs/heads/main" },
  unknownClaims: [["job_workflow_ref"], ["actor"]],
  partial: false,
  audience: "requestable",
};

function evaluation(accepted: boolean): Evaluation {
  return {
    accepted,
    checks: [
      accepted
        ? { check: "claims", ok: true, message: "claims match" }
        : { check: "claims", ok: false, message: "the workflow is not the expected one" },
    ],
    cloudError: null,
  };
}

/** Refuses any calling workflow but one when the token names one (an "if exists" rule): the prediction never does. */
const byWorkflow: Judge = (claims) => {
  const workflow = claims.job_workflow_ref;
  return evaluation(
    workflow === undefined || workflow === "contoso/deploy/.github/workflows/ship.yml@main",
  );
};

/** Accepts on the subject alone. */
const bySubject: Judge = (claims) => evaluation(typeof claims.sub === "string");

describe("judgePrediction", () => {
  it("is undecided on an unknown claim read, then decided for a judge that reads none", () => {
    const claims = { ...token.claims };
    expect(judgePrediction(byWorkflow, token, claims)).toMatchObject({
      verdict: "undecided",
      dependsOn: ["job_workflow_ref"],
    });
    expect(judgePrediction(bySubject, token, claims)).toEqual({ verdict: "accepted" });
    expect(judgePrediction(byWorkflow, token, claims)).toMatchObject({
      verdict: "undecided",
      dependsOn: ["job_workflow_ref"],
    });
  });

  it("does not call undecided a verdict that read an unknown claim it cannot turn on", () => {
    const readsActor: Judge = (claims) => {
      void claims.actor;
      return evaluation(typeof claims.sub === "string");
    };
    expect(judgePrediction(readsActor, token, { ...token.claims })).toEqual({
      verdict: "accepted",
    });
  });

  it("does not carry one evaluation's listing of the claims over to the next", () => {
    const partial: PredictedToken = { ...token, unknownClaims: [], partial: true };
    const claims = { ...partial.claims };
    // A listing reads every claim, so a partial token's refusal by it is open...
    const listing: Judge = (seen) => evaluation(Object.keys(seen).includes("repository"));
    expect(judgePrediction(listing, partial, claims)).toMatchObject({ verdict: "undecided" });
    // ...but the next judge reads only `sub`, which the token carries.
    const refusesSubject: Judge = (seen) => evaluation(seen.sub === "repo:contoso/api:ref:x");
    expect(judgePrediction(refusesSubject, partial, claims)).toEqual({
      verdict: "refused",
      failingCheck: { check: "claims", message: "the workflow is not the expected one" },
    });
  });
});
