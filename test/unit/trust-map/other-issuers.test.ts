import { describe, expect, it } from "vitest";
import {
  buildTrustMap,
  trustMapEdges,
  trustMapOpenEdges,
  updateTrustMap,
  type TrustMap,
} from "@/lib/trust-map/build-trust-map";
import { buildGraphView } from "@/lib/trust-map/graph-view";
import type { TGraphFilters } from "@/lib/trust-map/graph-view-types";
import { queryReach } from "@/lib/trust-map/reach-query";
import type { MapBinding, MapTarget, TrustCatalogue } from "@/lib/trust-map/trust-map-types";
import {
  catalogue,
  edgeOf,
  github,
  githubUrl,
  githubWorkload,
  gitlab,
  gitlabUrl,
  gitlabWorkload,
  role,
  roleBinding,
  sortedEdges,
} from "./catalogue";

// An AWS trust statement may name several of the account's OIDC providers:
// STS picks the provider by the token's iss, then evaluates the statement
// with that provider's condition keys (CLOUDS.md 2.3). Such a binding is
// made for one workload, of one issuer, yet admits the other issuer's
// tokens too, and the map must draw those edges.

const at = new Date("2026-12-07T06:00:00Z");
const githubKey = "token.actions.githubusercontent.com";

const web = githubWorkload("w-web", "web");
const deploy = gitlabWorkload("w-deploy", "contoso/deploy");
const other = gitlabWorkload("w-other", "contoso/other");

/** The role as IAM holds it when the account has a provider for each issuer. */
const bothProviders: MapTarget = {
  ...role,
  config: {
    ...(role.config as Record<string, unknown>),
    oidcProviders: [
      { url: githubUrl, clientIds: ["sts.amazonaws.com"], thumbprints: [] },
      // Its own client id: a GitLab token must be asked for it.
      { url: gitlabUrl, clientIds: ["gitlab-aud"], thumbprints: [] },
    ],
  },
};

/** One statement for both providers, each pinned to its own subject by its own condition key. */
function sharedStatement(gitlabSubject: string | string[]): MapBinding {
  const binding = roleBinding("b-shared", web, {
    StringEquals: { [`${githubKey}:sub`]: web.subject },
  });
  const spec = binding.spec as { statement: Record<string, unknown> };
  return {
    ...binding,
    spec: {
      ...spec,
      statement: {
        ...spec.statement,
        Principal: {
          Federated: [
            `arn:aws:iam::123456789012:oidc-provider/${githubKey}`,
            "arn:aws:iam::123456789012:oidc-provider/gitlab.com",
          ],
        },
        // A key the token lacks fails StringEquals (each provider has its
        // own keys), so a statement for both tests every key IfExists.
        Condition: {
          StringEqualsIfExists: {
            [`${githubKey}:sub`]: web.subject,
            [`${githubKey}:aud`]: "sts.amazonaws.com",
            "gitlab.com:sub": gitlabSubject,
            "gitlab.com:aud": "gitlab-aud",
          },
        },
      },
    },
  };
}

function drawn(map: TrustMap) {
  return { edges: sortedEdges(map), open: trustMapOpenEdges(map) };
}

const start: TrustCatalogue = catalogue({
  issuers: [github, gitlab],
  targets: [bothProviders],
  workloads: [web, deploy, other],
  bindings: [sharedStatement(deploy.subject)],
});

describe("a trust that names the providers of two issuers", () => {
  it("reaches the other issuer's workload it admits, and only that one", () => {
    const map = buildTrustMap(start, { at });
    expect(edgeOf(map, "b-shared", web.id)).toMatchObject({ kind: "effective", declared: true });
    expect(edgeOf(map, "b-shared", deploy.id)).toMatchObject({
      kind: "effective",
      declared: false,
    });
    expect(edgeOf(map, "b-shared", other.id)).toBeUndefined();
  });

  it("is found by a reach query for the other issuer's identity", () => {
    const map = buildTrustMap(start, { at });
    const answer = queryReach(map, { issuer: gitlabUrl, claims: { sub: deploy.subject } });
    expect(answer.bindings.map(({ binding, verdict }) => [binding.id, verdict])).toEqual([
      ["b-shared", "accepted"],
    ]);
  });

  it("shows its open trust under the other issuer's filter too", () => {
    // Its keys are tested only IfExists, so nothing bounds either issuer's subjects.
    const map = buildTrustMap(start, { at });
    const shown = (issuer: string) =>
      buildGraphView({ map, syncStates: new Map(), filters: { issuer: [issuer] } as TGraphFilters })
        .edges.filter((found) => found.kind === "open")
        .map((found) => found.bindingId);
    expect(shown(gitlab.id)).toEqual(["b-shared"]);
    expect(shown(github.id)).toEqual(["b-shared"]);
    expect(trustMapOpenEdges(map)[0]?.admits).toContain("any identity of https://gitlab.com");
  });

  const later = gitlabWorkload("w-later", "contoso/later");
  // Another project with the admitted path (the first was renamed away, say).
  const twin = gitlabWorkload("w-twin", "contoso/deploy");
  const moved = gitlabWorkload(deploy.id, "contoso/moved");
  // Each change: the catalogue after it, the change, and the other issuer's workloads then reached.
  const changes: [string, TrustCatalogue, Parameters<typeof updateTrustMap>[1], string[]][] = [
    [
      "a workload of the other issuer added that it admits",
      { ...start, workloads: [...start.workloads, twin] },
      { upsert: { workloads: [twin] } },
      [deploy.id, twin.id],
    ],
    [
      "the admitted workload edited out of it",
      { ...start, workloads: [web, moved, other] },
      { upsert: { workloads: [moved] } },
      [],
    ],
    [
      "the statement edited to admit another workload of the other issuer",
      { ...start, bindings: [sharedStatement(other.subject)] },
      { upsert: { bindings: [sharedStatement(other.subject)] } },
      [other.id],
    ],
    [
      "the other issuer's URL edited",
      { ...start, issuers: [github, { ...gitlab, issuerUrl: `${gitlabUrl}/` }] },
      { upsert: { issuers: [{ ...gitlab, issuerUrl: `${gitlabUrl}/` }] } },
      [],
    ],
    [
      "the other issuer's workloads removed",
      { ...start, workloads: [web] },
      { remove: { workloads: [deploy.id, other.id] } },
      [],
    ],
  ];

  it.each(changes)("after %s, equals a fresh build", (_name, edited, change, reached) => {
    const map = updateTrustMap(buildTrustMap(start, { at }), change);
    const others = trustMapEdges(map).filter((found) => !found.declared);
    expect(others.map((found) => [found.workloadId, found.kind]).sort()).toEqual(
      reached.sort().map((id) => [id, "effective"]),
    );
    expect(drawn(map)).toEqual(drawn(buildTrustMap(edited, { at })));
  });

  it("judges the other issuer's workloads again when that issuer moves away and back", () => {
    const map = buildTrustMap(start, { at });
    const away = { ...gitlab, issuerUrl: "https://gitlab.example.com" };
    updateTrustMap(map, { upsert: { issuers: [away] } });
    expect(edgeOf(map, "b-shared", deploy.id)).toBeUndefined();
    // Emptied of its workloads, GitLab's part must still know the binding.
    updateTrustMap(map, { upsert: { issuers: [gitlab] } });
    expect(edgeOf(map, "b-shared", deploy.id)).toMatchObject({
      kind: "effective",
      declared: false,
    });
    expect(drawn(map)).toEqual(drawn(buildTrustMap(start, { at })));
  });

  it("finds a workload of the other issuer added after all of that issuer's were gone", () => {
    const map = buildTrustMap(start, { at });
    updateTrustMap(map, { remove: { workloads: [deploy.id, other.id] } });
    updateTrustMap(map, { upsert: { workloads: [later] } });
    updateTrustMap(map, { upsert: { workloads: [twin] } });
    expect(edgeOf(map, "b-shared", later.id)).toBeUndefined();
    expect(edgeOf(map, "b-shared", twin.id)).toMatchObject({ kind: "effective", declared: false });
  });
});
