import { describe, expect, it } from "vitest";
import {
  ZEmail,
  ZPassword,
  ZSetupInput,
  ZUserCreateInput,
  ZUserListQuery,
  ZUserUpdateInput,
} from "@/lib/schemas/user";
import { issuesOf, parseOk } from "./zod-issues";

describe("ZEmail", () => {
  it("trims and lower-cases the address", () => {
    expect(parseOk(ZEmail, "  Alice.Admin@Example.COM \n")).toBe("alice.admin@example.com");
  });

  it.each([
    ["no at sign", "alice.example.com", "must be an email address"],
    ["only spaces", "   ", "must be an email address"],
    ["321 characters", `${"a".repeat(309)}@example.com`, "must be at most 320 characters"],
  ])("rejects %s", (_label, email, message) => {
    expect(issuesOf(ZEmail, email)).toEqual([{ path: "", message }]);
  });
});

describe("ZPassword", () => {
  it.each([12, 13, 256])("accepts %i characters as typed, spaces included", (length) => {
    const password = ` ${"p".repeat(length - 2)} `;
    expect(parseOk(ZPassword, password)).toBe(password);
  });

  it.each([
    [11, "must be at least 12 characters"],
    [0, "must be at least 12 characters"],
    [257, "must be at most 256 characters"],
  ])("rejects %i characters", (length, message) => {
    expect(issuesOf(ZPassword, "p".repeat(length))).toEqual([{ path: "", message }]);
  });

  it("says the password is required when it is missing", () => {
    expect(issuesOf(ZPassword, undefined)).toEqual([{ path: "", message: "is required" }]);
  });
});

describe("ZUserCreateInput", () => {
  const valid = {
    email: "Op@Example.com",
    name: " Operator One ",
    role: "operator",
    password: "correct horse battery",
  };

  it("normalises email and name", () => {
    expect(parseOk(ZUserCreateInput, valid)).toEqual({
      ...valid,
      email: "op@example.com",
      name: "Operator One",
    });
  });

  it.each([
    ["an unknown role", { role: "root" }, "role", "must be viewer, operator or admin"],
    ["a blank name", { name: "  " }, "name", "is required"],
    ["a short password", { password: "short" }, "password", "must be at least 12 characters"],
  ])("rejects %s", (_label, patch, path, message) => {
    expect(issuesOf(ZUserCreateInput, { ...valid, ...patch })).toEqual([{ path, message }]);
  });

  it("refuses an unknown key such as passwordHash", () => {
    const result = ZUserCreateInput.safeParse({ ...valid, passwordHash: "x" });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: "unrecognized_keys", keys: ["passwordHash"] }),
    ]);
  });

  it("keeps setup free of a role: the first user is always admin", () => {
    const { role: _role, ...setup } = valid;
    expect(ZSetupInput.safeParse(setup).success).toBe(true);
    expect(ZSetupInput.safeParse(valid).success).toBe(false);
  });
});

describe("ZUserUpdateInput", () => {
  it.each([
    ["a role", { role: "admin" }],
    ["disabled", { disabled: true }],
    ["disabled false", { disabled: false }],
    ["both", { role: "viewer", disabled: false }],
  ])("accepts %s", (_label, input) => {
    expect(parseOk(ZUserUpdateInput, input)).toEqual(input);
  });

  it("refuses an empty update with an operator message", () => {
    expect(issuesOf(ZUserUpdateInput, {})).toEqual([
      { path: "", message: "send role, disabled or both" },
    ]);
  });

  it.each([
    ["an unknown role", { role: "owner" }, "role"],
    ["disabled as a string", { disabled: "true" }, "disabled"],
  ])("rejects %s", (_label, input, path) => {
    expect(issuesOf(ZUserUpdateInput, input).map((issue) => issue.path)).toContain(path);
  });

  it("refuses fields it cannot change, such as email", () => {
    expect(ZUserUpdateInput.safeParse({ role: "admin", email: "x@example.com" }).success).toBe(
      false,
    );
  });
});

describe("ZUserListQuery", () => {
  it("pages 25 by default and refuses unknown parameters", () => {
    expect(parseOk(ZUserListQuery, {})).toEqual({ limit: 25 });
    expect(ZUserListQuery.safeParse({ role: "admin" }).success).toBe(false);
  });
});
