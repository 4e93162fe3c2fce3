import { describe, expect, it } from "vitest";
import { buildTrustMap } from "@/lib/trust-map/build-trust-map";
import { buildGraphView } from "@/lib/trust-map/graph-view";
import { ZGraphFilters, type TGraphFilters } from "@/lib/trust-map/graph-view-types";
import { catalogue, ficBinding, githubWorkload, roleBinding } from "./catalogue";

// The map's filter by kind of trust: what the overview's "broken and
// undecided" link opens, and a way to see only what admits too much.

const web = githubWorkload("w-web", "web");
const api = githubWorkload("w-api", "api");
const subKey = "token.actions.githubusercontent.com:sub";
const map = buildTrustMap(
  catalogue({
    workloads: [web, api],
    bindings: [
      ficBinding("b-web", web, web.subject),
      // A case slip: declared for api, admits nobody.
      ficBinding("b-api", api, api.subject.replace("contoso", "Contoso")),
      roleBinding("b-owner", web, { StringLike: { [subKey]: "repo:contoso/*" } }),
    ],
  }),
  { at: new Date("2026-12-06T00:00:00Z") },
);

const parsed = (trust: string): TGraphFilters => ZGraphFilters.parse({ trust });
const kindsShown = (filters?: TGraphFilters) =>
  buildGraphView({ map, syncStates: new Map(), filters })
    .edges.filter((edge) => edge.bindingId)
    .map((edge) => `${edge.kind} ${edge.bindingId}`)
    .sort();

describe("the trust filter", () => {
  it("keeps only the kinds asked for, open ones included when named", () => {
    const all = kindsShown();
    expect(all).toEqual(
      expect.arrayContaining(["broken b-api", "effective b-web", "open b-owner"]),
    );
    expect(kindsShown(parsed("broken,undecided"))).toEqual(["broken b-api"]);
    expect(kindsShown(parsed("open"))).toEqual(["open b-owner"]);
    expect(kindsShown(parsed(" effective , open "))).toEqual(
      all.filter((entry) => !entry.startsWith("broken")),
    );
  });

  it("refuses kinds it does not know, in words", () => {
    const result = ZGraphFilters.safeParse({ trust: "broken,everything" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      "Use effective, broken, undecided or open, separated by commas.",
    );
    expect(ZGraphFilters.safeParse({ trust: " , " }).success).toBe(false);
  });
});
