import { describe, expect, it } from "vitest";
import { parseArgs, requireFlag, UsageError, type FlagSpec } from "@/lib/cli/args";

const spec: FlagSpec = { email: "string", role: "string", name: "string", dev: "boolean" };

describe("parseArgs", () => {
  it("separates positionals from --name value flags", () => {
    expect(parseArgs(["user", "add", "--email", "a@example.com", "--role", "admin"], spec)).toEqual(
      {
        positionals: ["user", "add"],
        flags: { email: "a@example.com", role: "admin" },
      },
    );
  });

  it.each([
    ["--name=value", ["--name=Ops Team"], { name: "Ops Team" }],
    ["a value holding '='", ["--name=a=b"], { name: "a=b" }],
    ["an empty inline value", ["--name="], { name: "" }],
    ["a value starting with one dash", ["--name", "-x"], { name: "-x" }],
    ["a boolean flag", ["--dev"], { dev: true }],
    ["a repeated flag (last wins)", ["--role", "viewer", "--role", "admin"], { role: "admin" }],
  ])("reads %s", (_label, argv, flags) => {
    expect(parseArgs(argv, spec).flags).toEqual(flags);
  });

  it.each([
    ["an unknown option", ["--emial", "a@example.com"], "unknown option --emial"],
    ["an unknown --x=y option", ["--owner=me"], "unknown option --owner"],
    ["a bare --", ["--"], "unknown option --"],
    ["a missing value at the end", ["--email"], "--email needs a value"],
    ["a flag where the value should be", ["--email", "--role", "admin"], "--email needs a value"],
  ])("refuses %s with a usage error", (_label, argv, message) => {
    expect(() => parseArgs(argv, spec)).toThrow(new UsageError(message));
  });

  // `serve --dev=false` must not start the development server.
  it("refuses a value on a boolean flag instead of switching it on", () => {
    expect(() => parseArgs(["--dev=false"], spec)).toThrow(UsageError);
  });
});

describe("requireFlag", () => {
  it("returns a given string value", () => {
    expect(requireFlag(parseArgs(["--email", "a@example.com"], spec), "email")).toBe(
      "a@example.com",
    );
  });

  it.each([
    ["absent", [] as string[]],
    ["empty", ["--email="]],
  ])("refuses an %s flag", (_label, argv) => {
    expect(() => requireFlag(parseArgs(argv, spec), "email")).toThrow(
      new UsageError("--email is required"),
    );
  });

  it("refuses a boolean where a value is required", () => {
    expect(() => requireFlag(parseArgs(["--dev"], spec), "dev")).toThrow(UsageError);
  });
});
