import { describe, expect, it } from "vitest";
import type { ActualBinding, CloudError, TargetRead } from "@/lib/clouds/adapter-types";
import { compareTarget, type CatalogBindingForDrift } from "@/lib/sync/drift/compare-target";
import { diffValues } from "@/lib/sync/drift/field-diff";

// Bindings keyed by their FIC name, as the Azure adapter keys them.
const bindingKey = (spec: unknown) => (spec as { name: string }).name;

function fic(name: string, subject: string, audiences = ["api://AzureADTokenExchange"]) {
  return { name, issuer: "https://token.actions.githubusercontent.com", subject, audiences };
}

function catalogBinding(id: string, object: ReturnType<typeof fic>): CatalogBindingForDrift {
  return { id, spec: { name: object.name }, cloudObject: object };
}

function actual(object: ReturnType<typeof fic>): ActualBinding {
  return { key: object.name, spec: { name: object.name }, cloudObject: structuredClone(object) };
}

function found(...objects: ActualBinding[]): TargetRead {
  return {
    state: "found",
    target: {
      kind: "azure-uami",
      config: {},
      externalId:
        "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app",
      displayName: "app",
      bindings: objects,
    },
  };
}

const denied: CloudError = {
  kind: "denied",
  code: "AuthorizationFailed",
  message: "The client does not have authorization to perform action 'read'.",
  cause: "Fedlens's identity has no role that can read this identity.",
  fix: "Assign it the Managed Identity Operator role on the identity.",
  status: 403,
};

const deploy = fic("deploy", "repo:acme/app:environment:prod");
const build = fic("build", "repo:acme/app:ref:refs/heads/main");

describe("compareTarget", () => {
  it("reads a binding whose cloud object equals the catalogue's as in sync, with no detail", () => {
    const result = compareTarget([catalogBinding("b1", deploy)], found(actual(deploy)), bindingKey);

    expect(result.bindings).toEqual([{ bindingId: "b1", state: "in-sync", detail: null }]);
    expect(result.target).toEqual({ read: "found", unmanaged: [], foreign: [] });
  });

  it("reports a drifted binding field by field, cloud value beside catalogue value", () => {
    const changed = fic("deploy", "repo:acme/app:environment:staging", ["api://other"]);

    const [drift] = compareTarget(
      [catalogBinding("b1", deploy)],
      found(actual(changed)),
      bindingKey,
    ).bindings;

    expect(drift).toEqual({
      bindingId: "b1",
      state: "drifted",
      detail: {
        kind: "diff",
        differences: [
          { path: "audiences[0]", cloud: "api://other", catalog: "api://AzureADTokenExchange" },
          {
            path: "subject",
            cloud: "repo:acme/app:environment:staging",
            catalog: "repo:acme/app:environment:prod",
          },
        ],
      },
    });
  });

  it("names a field present on one side only, leaving the other side absent", () => {
    expect(diffValues({ a: 1, extra: "x" }, { a: 1 })).toEqual([{ path: "extra", cloud: "x" }]);
    expect(diffValues({ list: [1] }, { list: [1, 2] })).toEqual([{ path: "list[1]", catalog: 2 }]);
    expect(diffValues({ "a:b": 1 }, { "a:b": 2 })).toEqual([
      { path: '["a:b"]', cloud: 1, catalog: 2 },
    ]);
  });

  it("reads a binding the target lacks as missing, while its siblings are judged on their own", () => {
    const result = compareTarget(
      [catalogBinding("b1", deploy), catalogBinding("b2", build)],
      found(actual(build)),
      bindingKey,
    );

    expect(result.bindings).toEqual([
      { bindingId: "b1", state: "missing", detail: { kind: "missing", reason: "object-missing" } },
      { bindingId: "b2", state: "in-sync", detail: null },
    ]);
  });

  it("reads every binding as missing when the target itself is gone", () => {
    const result = compareTarget([catalogBinding("b1", deploy)], { state: "missing" }, bindingKey);

    expect(result.bindings).toEqual([
      { bindingId: "b1", state: "missing", detail: { kind: "missing", reason: "target-missing" } },
    ]);
    expect(result.target.read).toBe("missing");
  });

  it("reads an unreadable target as unknown for every binding, never missing, and keeps the cloud's error", () => {
    const result = compareTarget(
      [catalogBinding("b1", deploy), catalogBinding("b2", build)],
      { state: "unreadable", error: denied },
      bindingKey,
    );

    expect(result.bindings.map((binding) => binding.state)).toEqual(["unknown", "unknown"]);
    expect(result.bindings[0]?.detail).toEqual({ kind: "error", error: denied });
    expect(result.target).toEqual({
      read: "unreadable",
      error: denied,
      unmanaged: [],
      foreign: [],
    });
  });

  it("lists the cloud's objects no catalogue binding matches as unmanaged, with foreign ones apart", () => {
    const stray = fic("hand-made", "repo:acme/other:ref:refs/heads/main");
    const read = found(actual(deploy), actual(stray));
    if (read.state === "found") {
      read.target.foreign = [
        { key: "s1", description: "A statement for another principal", cloudObject: {} },
      ];
    }

    const result = compareTarget([catalogBinding("b1", deploy)], read, bindingKey);

    expect(result.target.unmanaged).toEqual([{ key: "hand-made", cloudObject: stray }]);
    expect(result.target.foreign).toEqual([
      { key: "s1", description: "A statement for another principal", cloudObject: {} },
    ]);
    expect(result.bindings[0]?.state).toBe("in-sync");
  });
});
