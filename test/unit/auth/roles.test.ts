import { describe, expect, it } from "vitest";
import { hasRole, roleRank, roles, weakerRole, type Role } from "@/lib/auth/roles";

describe("roles", () => {
  it("orders viewer below operator below admin", () => {
    expect(roles.map(roleRank)).toEqual([0, 1, 2]);
    expect(roles).toEqual(["viewer", "operator", "admin"]);
  });

  it.each<[Role, Role, boolean]>([
    ["viewer", "viewer", true],
    ["viewer", "operator", false],
    ["viewer", "admin", false],
    ["operator", "viewer", true],
    ["operator", "operator", true],
    ["operator", "admin", false],
    ["admin", "viewer", true],
    ["admin", "operator", true],
    ["admin", "admin", true],
  ])("hasRole(%s, needs %s) is %s", (actual, required, expected) => {
    expect(hasRole(actual, required)).toBe(expected);
  });

  it.each<[Role, Role, Role]>([
    ["admin", "viewer", "viewer"],
    ["viewer", "admin", "viewer"],
    ["operator", "admin", "operator"],
    ["admin", "operator", "operator"],
    ["operator", "viewer", "viewer"],
    ["admin", "admin", "admin"],
  ])("caps %s by %s at %s", (a, b, expected) => {
    expect(weakerRole(a, b)).toBe(expected);
  });
});
