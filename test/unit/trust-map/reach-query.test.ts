import { describe, expect, it } from "vitest";
import { buildTrustMap } from "@/lib/trust-map/build-trust-map";
import { queryReach } from "@/lib/trust-map/reach-query";
import type { TReachQuery } from "@/lib/trust-map/reach-schemas";
import type { MapBinding, MapIssuer, MapTarget } from "@/lib/trust-map/trust-map-types";
import {
  catalogue,
  ficBinding,
  github,
  githubUrl,
  githubWorkload,
  role,
  roleBinding,
} from "./catalogue";

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

  it("finds a trust whose subject condition takes a value from the token (a policy variable)", () => {
    // Every repository's production environment: the variable is filled in
    // from the token's own repository claim.
    const answer = reached(
      { issuer: githubUrl, subjectSpec: webSpec },
      roleBinding("role-any-repo", api, {
        StringEquals: { [`${key}:sub`]: `repo:\${${key}:repository}:environment:production` },
      }),
    );
    expect(answer).toEqual([["role-any-repo", "accepted"]]);
  });

  it("asks a look-alike issuer's trusts too: an AWS statement may name several providers of the account", () => {
    // A GitHub enterprise's own issuer, beside the shared one.
    const enterpriseUrl = `${githubUrl}/contoso`;
    const enterprise: MapIssuer = { ...github, id: "i-ghe", issuerUrl: enterpriseUrl };
    const app = { ...githubWorkload("w-app", "app"), issuerId: enterprise.id };
    const providers: MapTarget = {
      ...role,
      id: "t-both",
      config: {
        ...(role.config as Record<string, unknown>),
        oidcProviders: [githubUrl, enterpriseUrl].map((url) => ({
          url,
          clientIds: ["sts.amazonaws.com"],
          thumbprints: [],
        })),
      },
    };
    const both = roleBinding("role-both", app, {});
    const statement = (both.spec as { statement: Record<string, unknown> }).statement;
    const arn = (url: string) =>
      `arn:aws:iam::123456789012:oidc-provider/${url.replace("https://", "")}`;
    statement.Principal = { Federated: [arn(githubUrl), arn(enterpriseUrl)] };
    statement.Condition = {
      StringEquals: {
        [`${key}/contoso:aud`]: "sts.amazonaws.com",
        [`${key}/contoso:sub`]: app.subject,
      },
    };
    const map = buildTrustMap(
      catalogue({
        issuers: [github, enterprise],
        workloads: [web, app],
        targets: [providers],
        bindings: [{ ...both, targetId: providers.id }],
      }),
      { at },
    );
    const answer = queryReach(map, {
      issuer: enterpriseUrl,
      claims: { sub: app.subject, aud: "sts.amazonaws.com" },
    }).bindings.map(({ binding, verdict }) => [binding.id, verdict]);
    expect(answer).toEqual([["role-both", "accepted"]]);
  });
});
