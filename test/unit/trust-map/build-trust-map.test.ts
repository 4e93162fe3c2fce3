import { describe, expect, it } from "vitest";
import {
  buildTrustMap,
  trustMapEdges,
  trustMapOpenEdges,
  updateTrustMap,
} from "@/lib/trust-map/build-trust-map";
import type { MapIssuer, TrustCatalogue } from "@/lib/trust-map/trust-map-types";
import {
  catalogue,
  edgeOf,
  gitlab,
  gitlabWorkload,
  sortedEdges,
  ficBinding,
  github,
  githubUrl,
  gcpProvider,
  githubWorkload,
  grantBinding,
  pool,
  role,
  roleBinding,
  uami,
} from "./catalogue";

const at = new Date("2026-12-06T06:00:00Z");
const subKey = "token.actions.githubusercontent.com:sub";

const web = githubWorkload("w-web", "web");
const api = githubWorkload("w-api", "api");
const tool = githubWorkload("w-tool", "tool", { owner: "fabrikam", trigger: "branch" });
const deploy = gitlabWorkload("w-lab", "g/p");
describe("buildTrustMap", () => {
  it("draws an exact-subject trust as a declared, effective edge and nothing else", () => {
    const map = buildTrustMap(
      catalogue({ workloads: [web, api], bindings: [ficBinding("fic-b", web, web.subject)] }),
      { at },
    );
    expect(trustMapEdges(map)).toHaveLength(1);
    expect(edgeOf(map, "fic-b", "w-web")).toMatchObject({
      kind: "effective",
      declared: true,
      verdict: "accepted",
    });
    expect(trustMapOpenEdges(map)).toEqual([]);
  });

  it("calls a declared trust with a case slip broken, with the check and Entra's error", () => {
    const map = buildTrustMap(
      catalogue({
        workloads: [api],
        bindings: [ficBinding("fic-b", api, "repo:contoso/api:environment:Production")],
      }),
      { at },
    );
    expect(edgeOf(map, "fic-b", "w-api")).toMatchObject({
      kind: "broken",
      declared: true,
      verdict: "refused",
      failingCheck: { check: "subject" },
      cloudError: { code: "AADSTS7002138" },
    });
  });

  it("finds the catalogued workloads a pattern admits beyond its own, and says what else it admits", () => {
    const map = buildTrustMap(
      catalogue({
        workloads: [web, api, tool],
        bindings: [roleBinding("b", web, { StringLike: { [subKey]: "repo:contoso/*" } })],
      }),
      { at },
    );
    expect(edgeOf(map, "b", "w-web")).toMatchObject({ kind: "effective", declared: true });
    expect(edgeOf(map, "b", "w-api")).toMatchObject({ kind: "effective", declared: false });
    expect(edgeOf(map, "b", "w-tool")).toBeUndefined();
    expect(trustMapOpenEdges(map)).toEqual([
      expect.objectContaining({ bindingId: "b", admits: "any repository of contoso" }),
    ]);
  });

  it("describes a pool-wide grant as open and reaches every workload the provider's condition admits", () => {
    const map = buildTrustMap(
      catalogue({
        workloads: [web, api, tool],
        bindings: [grantBinding("b", web, `principalSet:${pool}/*`)],
      }),
      { at },
    );
    expect(trustMapOpenEdges(map)[0]?.admits).toBe("any identity in pool github-pool");
    expect(edgeOf(map, "b", "w-api")).toMatchObject({ kind: "effective", declared: false });
    // fabrikam fails the provider's repository_owner condition.
    expect(edgeOf(map, "b", "w-tool")).toBeUndefined();
  });

  it("leaves undecided a verdict that rests on a claim the spec does not tell (the calling workflow)", () => {
    const map = buildTrustMap(
      catalogue({
        workloads: [tool],
        bindings: [
          roleBinding("b", tool, {
            StringEquals: {
              [subKey]: tool.subject,
              "token.actions.githubusercontent.com:job_workflow_ref":
                "contoso/infra/.github/workflows/deploy.yml@refs/heads/main",
            },
          }),
        ],
      }),
      { at },
    );
    expect(edgeOf(map, "b", "w-tool")).toMatchObject({
      kind: "undecided",
      declared: true,
      dependsOn: ["job_workflow_ref"],
    });
  });

  it("does not call undecided a refusal that an unknown claim cannot change", () => {
    const map = buildTrustMap(
      catalogue({
        workloads: [tool],
        bindings: [
          roleBinding("b", tool, {
            StringEquals: {
              [subKey]: "repo:fabrikam/other:ref:refs/heads/main",
              "token.actions.githubusercontent.com:job_workflow_ref":
                "contoso/infra/.github/workflows/deploy.yml@refs/heads/main",
            },
          }),
        ],
      }),
      { at },
    );
    expect(edgeOf(map, "b", "w-tool")).toMatchObject({ kind: "broken", verdict: "refused" });
  });

  it("lets a Deny statement of the same role take back what a sibling's pattern admits", () => {
    const deny = roleBinding("deny-api", api, { StringEquals: { [subKey]: api.subject } });
    (deny.spec as { statement: { Effect: string } }).statement.Effect = "Deny";
    const map = buildTrustMap(
      catalogue({
        workloads: [web, api],
        bindings: [roleBinding("b", web, { StringLike: { [subKey]: "repo:contoso/*" } }), deny],
      }),
      { at },
    );
    expect(edgeOf(map, "b", "w-web")).toMatchObject({ kind: "effective" });
    expect(edgeOf(map, "b", "w-api")).toBeUndefined();
  });

  it("leaves undecided a free-form workload's verdict on a claim its issuer's tokens may carry", () => {
    const keycloak: MapIssuer = {
      id: "i-kc",
      name: "Keycloak",
      issuerUrl: "https://sso.example.test/realms/ops",
      kind: "keycloak",
    };
    const client = {
      id: "w-kc",
      name: "w-kc",
      issuerId: keycloak.id,
      subject: "3f1c9a7e",
      subjectSpec: { kind: "free", subject: "3f1c9a7e" },
    };
    const provider = {
      ...gcpProvider,
      id: "t-kc",
      config: {
        ...(gcpProvider.config as Record<string, unknown>),
        providerId: "keycloak",
        issuerUri: keycloak.issuerUrl,
        attributeMapping: { "google.subject": "assertion.sub" },
        attributeCondition: "assertion.azp == 'reporting'",
      },
    };
    const grant = {
      ...grantBinding("grant-kc", client, `principal:${pool}/subject/${client.subject}`, provider),
      issuerUrl: keycloak.issuerUrl,
    };
    const map = buildTrustMap(
      catalogue({
        issuers: [keycloak],
        workloads: [client],
        targets: [uami, provider],
        bindings: [ficBinding("fic-kc", client, client.subject, keycloak.issuerUrl), grant],
      }),
      { at },
    );
    // What the token carries decides the credential; the grant rests on azp, which Fedlens cannot know.
    expect(edgeOf(map, "fic-kc", "w-kc")).toMatchObject({
      kind: "effective",
      partialToken: true,
      audienceUnconfirmed: true,
    });
    expect(edgeOf(map, "grant-kc", "w-kc")).toMatchObject({
      kind: "undecided",
      failingCheck: { check: "attributeCondition" },
    });
  });

  it("judges a repeated binding id by its last row, as the map holds it", () => {
    const first = ficBinding("fic-b", web, web.subject);
    const last = ficBinding("fic-b", api, web.subject.toUpperCase());
    const repeated = buildTrustMap(catalogue({ workloads: [web, api], bindings: [first, last] }), {
      at,
    });
    const lastOnly = buildTrustMap(catalogue({ workloads: [web, api], bindings: [last] }), { at });
    expect(sortedEdges(repeated)).toEqual(sortedEdges(lastOnly));
    expect(edgeOf(repeated, "fic-b", "w-api")).toMatchObject({ kind: "broken", declared: true });
  });

  it("judges a trust whose subject takes a policy variable against every workload it may admit, as an open edge", () => {
    const map = buildTrustMap(
      catalogue({
        workloads: [web, api, tool],
        bindings: [
          roleBinding("role-any-repo", api, {
            StringEquals: {
              [subKey]:
                "repo:${token.actions.githubusercontent.com:repository}:environment:production",
            },
          }),
        ],
      }),
      { at },
    );
    expect(edgeOf(map, "role-any-repo", "w-web")).toMatchObject({
      kind: "effective",
      declared: false,
    });
    expect(edgeOf(map, "role-any-repo", "w-api")).toMatchObject({
      kind: "effective",
      declared: true,
    });
    // Its branch is no environment, so its sub differs once the variable is filled in.
    expect(edgeOf(map, "role-any-repo", "w-tool")).toBeUndefined();
    expect(trustMapOpenEdges(map)).toEqual([
      expect.objectContaining({
        bindingId: "role-any-repo",
        admits: expect.stringMatching(/repository/),
      }),
    ]);
  });

  it("groups look-alike issuers: a trust of GitHub's URL with a trailing slash is its workload's broken edge", () => {
    const map = buildTrustMap(
      catalogue({
        workloads: [web, api],
        bindings: [ficBinding("fic-b", web, web.subject, `${githubUrl}/`)],
      }),
      { at },
    );
    expect(map.parts.size).toBe(1);
    expect(edgeOf(map, "fic-b", "w-web")).toMatchObject({
      kind: "broken",
      failingCheck: { check: "issuer" },
      cloudError: { code: "AADSTS700211" },
    });
  });

  it("does not let a look-alike issuer's workload with the same subject reach the trust", () => {
    const lookAlike: MapIssuer = {
      id: "i-gh2",
      name: "GitHub enterprise",
      issuerUrl: `${githubUrl}/contoso`,
      kind: "github-actions",
    };
    const twin = { ...web, id: "w-twin", name: "w-twin", issuerId: lookAlike.id };
    const map = buildTrustMap(
      catalogue({
        issuers: [github, lookAlike],
        workloads: [web, twin],
        bindings: [ficBinding("fic-b", web, web.subject)],
      }),
      { at },
    );
    expect(edgeOf(map, "fic-b", "w-web")?.kind).toBe("effective");
    expect(edgeOf(map, "fic-b", "w-twin")).toBeUndefined();
  });
});

const narrowedRole = {
  ...role,
  config: {
    ...(role.config as Record<string, unknown>),
    oidcProviders: [{ url: githubUrl, clientIds: ["other-audience"], thumbprints: [] }],
  },
};

const twinOfWeb = { ...githubWorkload("w-web", "web"), id: tool.id, name: tool.name };

describe("updateTrustMap", () => {
  const start: TrustCatalogue = catalogue({
    workloads: [web, api, tool],
    bindings: [
      ficBinding("b-fic", web, web.subject),
      roleBinding("b-role", api, { StringEquals: { [subKey]: api.subject } }),
      grantBinding("b-grant", tool, `principal:${pool}/subject/${tool.subject}`),
    ],
  });

  const changes: [
    string,
    (c: TrustCatalogue) => TrustCatalogue,
    Parameters<typeof updateTrustMap>[1],
  ][] = [
    [
      "a binding's subject edited to a pattern",
      (c) => ({
        ...c,
        bindings: c.bindings.map((b) =>
          b.id === "b-role"
            ? roleBinding("b-role", api, { StringLike: { [subKey]: "repo:contoso/*" } })
            : b,
        ),
      }),
      {
        upsert: {
          bindings: [roleBinding("b-role", api, { StringLike: { [subKey]: "repo:contoso/*" } })],
        },
      },
    ],
    [
      "a workload added that an existing trust admits",
      (c) => ({
        ...c,
        workloads: [...c.workloads, githubWorkload("w-new", "web", { trigger: "environment" })],
      }),
      { upsert: { workloads: [githubWorkload("w-new", "web", { trigger: "environment" })] } },
    ],
    [
      "a workload edited into another workload's exact trust",
      (c) => ({ ...c, workloads: c.workloads.map((w) => (w.id === tool.id ? twinOfWeb : w)) }),
      { upsert: { workloads: [twinOfWeb] } },
    ],
    [
      "a workload removed with its binding",
      (c) => ({
        ...c,
        workloads: c.workloads.filter((w) => w.id !== tool.id),
        bindings: c.bindings.filter((b) => b.id !== "b-grant"),
      }),
      { remove: { workloads: [tool.id], bindings: ["b-grant"] } },
    ],
    [
      "a binding removed",
      (c) => ({ ...c, bindings: c.bindings.filter((b) => b.id !== "b-fic") }),
      { remove: { bindings: ["b-fic"] } },
    ],
    [
      "a role's provider losing the audience its statements expect",
      (c) => ({ ...c, targets: c.targets.map((t) => (t.id === role.id ? narrowedRole : t)) }),
      { upsert: { targets: [narrowedRole] } },
    ],
    [
      "the issuer's URL edited",
      (c) => ({ ...c, issuers: [{ ...github, issuerUrl: `${githubUrl}/` }] }),
      { upsert: { issuers: [{ ...github, issuerUrl: `${githubUrl}/` }] } },
    ],
  ];

  it.each(changes)("after %s equals a full rebuild", (_name, edit, change) => {
    const updated = updateTrustMap(buildTrustMap(start, { at }), change);
    const rebuilt = buildTrustMap(edit(start), { at });
    expect(sortedEdges(updated)).toEqual(sortedEdges(rebuilt));
    expect(trustMapOpenEdges(updated)).toEqual(trustMapOpenEdges(rebuilt));
  });

  it("cites a role's statements in the same order after a sibling is edited", () => {
    const valid = roleBinding("b-a", web, { StringEquals: { [subKey]: web.subject } });
    const odd = roleBinding("b-z", api, { StringEquals: { [subKey]: api.subject } });
    const statement = (odd.spec as { statement: Record<string, unknown> }).statement;
    const invalid = {
      ...odd,
      spec: { ...(odd.spec as object), statement: { ...statement, Effect: "Maybe" } },
    };
    const middle = roleBinding("b-m", tool, { StringEquals: { [subKey]: tool.subject } });
    const base = catalogue({ workloads: [web, api, tool], bindings: [valid, middle, invalid] });
    const map = buildTrustMap(base, { at });
    // An edit re-adds the binding last among the role's; the page lists them by name.
    updateTrustMap(map, { upsert: { bindings: [middle] } });
    expect(edgeOf(map, "b-a", "w-web")?.failingCheck?.message).toMatch(/Statement\.1\.Effect/);
    expect(sortedEdges(map)).toEqual(sortedEdges(buildTrustMap(base, { at })));
  });

  it("after workloads join and leave a pattern's range, equals a full rebuild", () => {
    const broad = roleBinding("b-broad", web, { StringLike: { [subKey]: "repo:contoso/*" } });
    const joining = githubWorkload("w-join", "joining");
    const base = catalogue({ workloads: [web, api, tool], bindings: [broad] });
    const map = buildTrustMap(base, { at });
    updateTrustMap(map, { upsert: { workloads: [joining] } });
    updateTrustMap(map, { remove: { workloads: [api.id] } });
    const rebuilt = buildTrustMap({ ...base, workloads: [web, tool, joining] }, { at });
    expect(sortedEdges(map)).toEqual(sortedEdges(rebuilt));
    expect(edgeOf(map, "b-broad", "w-join")).toMatchObject({ kind: "effective", declared: false });
  });

  it("takes a workload moved to an issuer created in the same change out of its old issuer's trusts", () => {
    // As the console replays creating an issuer and moving a workload to it, between two reads.
    const broad = roleBinding("b-broad", web, { StringLike: { [subKey]: "repo:contoso/*" } });
    const base = catalogue({ workloads: [web, api], bindings: [broad] });
    const map = buildTrustMap(base, { at });
    expect(edgeOf(map, "b-broad", "w-api")).toMatchObject({ kind: "effective", declared: false });

    const enterprise: MapIssuer = { ...github, id: "i-ghe", issuerUrl: "https://ghe.example.com" };
    const moved = { ...api, issuerId: enterprise.id };
    updateTrustMap(map, { upsert: { issuers: [enterprise], workloads: [moved] } });
    expect(edgeOf(map, "b-broad", "w-api")).toBeUndefined();
    const rebuilt = buildTrustMap(
      { ...base, issuers: [...base.issuers, enterprise], workloads: [web, moved] },
      { at },
    );
    expect(sortedEdges(map)).toEqual(sortedEdges(rebuilt));
  });

  it("moves a trust to the part of the issuer it is edited to trust, and judges it there", () => {
    const trust = ficBinding("fic-lab", deploy, deploy.subject);
    const map = buildTrustMap(
      catalogue({ issuers: [github, gitlab], workloads: [web, deploy], bindings: [trust] }),
      { at },
    );
    expect(edgeOf(map, "fic-lab", "w-lab")).toMatchObject({ kind: "broken" });
    expect(map.parts.get(githubUrl)?.bindings.has("fic-lab")).toBe(true);

    // As a GCP provider's grants follow its edited issuer URI.
    updateTrustMap(map, {
      upsert: { bindings: [ficBinding("fic-lab", deploy, deploy.subject, gitlab.issuerUrl)] },
    });
    expect(edgeOf(map, "fic-lab", "w-lab")).toMatchObject({ kind: "effective", declared: true });
    expect(map.parts.get(githubUrl)?.bindings.has("fic-lab")).toBe(false);
    expect(map.parts.get("https://gitlab.com")?.edges.has("fic-lab")).toBe(true);
  });

  it("recomputes only the touched issuer's part", () => {
    const map = buildTrustMap({ ...start, issuers: [github, gitlab] }, { at });
    const untouched = map.parts.get("https://token.actions.githubusercontent.com");
    const edges = untouched?.edges;
    updateTrustMap(map, { upsert: { workloads: [deploy] } });
    expect(map.parts.get("https://token.actions.githubusercontent.com")?.edges).toBe(edges);
    expect(map.parts.get("https://gitlab.com")?.workloads.has("w-lab")).toBe(true);
  });
});
