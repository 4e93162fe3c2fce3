import { describe, expect, it } from "vitest";
import { buildTrustMap } from "@/lib/trust-map/build-trust-map";
import { queryReach } from "@/lib/trust-map/reach-query";
import type { TReachQuery } from "@/lib/trust-map/reach-schemas";
import type { MapBinding } from "@/lib/trust-map/trust-map-types";
import { catalogue, ficBinding, githubUrl, githubWorkload, roleBinding } from "./catalogue";

const at = new Date("2026-12-06T06:00:00Z");
const key = "token.actions.githubusercontent.com";

const web = githubWorkload("w-web", "web");
const api = githubWorkload("w-api", "api");
const webSpec = web.subjectSpec as TReachQuery["subjectSpec"];

function reached(query: Parameters<typeof queryReach>[1], ...bindings: MapBinding[]) {
  const map = buildTrustMap(catalogue({ workloads: [web, api], bindings }), { at });
  return queryReach(map, query).bindings.map(({ binding, verdict }) => [binding.id, verdict]);
}

describe("queryReach", () => {
  it("finds the exact-subject trust of a described identity after the build has let its ready form go", () => {
    const answer = reached(
      { issuer: githubUrl, subjectSpec: webSpec },
      ficBinding("fic-web", web, web.subject),
      ficBinding("fic-api", api, api.subject),
    );
    expect(answer).toEqual([["fic-web", "accepted"]]);
  });

  it("leaves out a trust whose subject condition refuses the identity, even when another condition reads a claim Fedlens does not know", () => {
    // Whether the IfExists condition holds turns on job_workflow_ref, which
    // changes how the refusal is worded; the sub condition refuses whatever
    // it holds, so STS refuses for certain: not "undecided".
    const answer = reached(
      { issuer: githubUrl, subjectSpec: webSpec },
      roleBinding("role-api", api, {
        StringEquals: { [`${key}:sub`]: api.subject },
        StringLikeIfExists: { [`${key}:job_workflow_ref`]: "contoso/pipelines/*" },
      }),
    );
    expect(answer).toEqual([]);
  });

  it("still lists a trust that admits the subject and rests on an unknown claim as undecided", () => {
    const answer = reached(
      { issuer: githubUrl, subjectSpec: webSpec },
      roleBinding("role-web", web, {
        StringEquals: { [`${key}:sub`]: web.subject },
        StringLikeIfExists: { [`${key}:job_workflow_ref`]: "contoso/pipelines/*" },
      }),
    );
    expect(answer).toEqual([["role-web", "undecided"]]);
  });

  it("judges raw claims without a subject by every trust of the issuer", () => {
    const answer = reached(
      { issuer: githubUrl, claims: { aud: "sts.amazonaws.com" } },
      roleBinding("role-any", web, {}),
      ficBinding("fic-web", web, web.subject),
    );
    expect(answer).toEqual([["role-any", "accepted"]]);
  });
});
