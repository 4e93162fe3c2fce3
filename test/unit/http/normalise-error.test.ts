import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { normaliseError } from "@/lib/http/normalise-error";

// Shaped like Prisma's error without importing the generated client: the
// module recognises it by name and code.
function prismaKnown(code: string): Error {
  const error = new Error(`Invalid prisma.issuer.create() invocation: value "canary-value"`);
  return Object.assign(error, { name: "PrismaClientKnownRequestError", code, meta: {} });
}

describe("normaliseError", () => {
  it("passes an AppError through unchanged", () => {
    const error = new AppError("forbidden", { message: "No." });
    expect(normaliseError(error)).toBe(error);
  });

  it("turns a ZodError into 422 with invalid_params and no rejected value", () => {
    const schema = z.object({ name: z.string().min(1, "is required") }).strict();
    const result = schema.safeParse({ name: "", secretField: "canary-value" });
    const error = normaliseError(result.error);
    expect(error?.code).toBe("validation_failed");
    expect(error?.status).toBe(422);
    expect(error?.invalidParams).toEqual(
      expect.arrayContaining([
        { name: "name", reason: "is required" },
        { name: "secretField", reason: "unknown field" },
      ]),
    );
    expect(JSON.stringify(error?.invalidParams)).not.toContain("canary-value");
  });

  it.each([
    ["P2002", "conflict", 409],
    ["P2003", "conflict", 409],
    ["P2025", "not_found", 404],
    ["P2034", "conflict", 409],
  ])("maps Prisma %s to %s (%i)", (code, appCode, status) => {
    const error = normaliseError(prismaKnown(code));
    expect([error?.code, error?.status]).toEqual([appCode, status]);
    expect(error?.message).not.toContain("canary-value");
  });

  it.each([
    ["an unmapped Prisma code", prismaKnown("P2010")],
    ["a plain Error", new Error("boom")],
    ["a TypeError", new TypeError("x is undefined")],
    [
      "a non-Error object shaped like Prisma's",
      { name: "PrismaClientKnownRequestError", code: "P2002" },
    ],
    ["a string", "P2002"],
    ["undefined", undefined],
  ])("answers null (a 500) for %s", (_label, error) => {
    expect(normaliseError(error)).toBeNull();
  });
});

describe("normaliseError with driver adapter errors", () => {
  function adapterError(cause: object): Error {
    const error = new Error("driver error");
    error.name = "DriverAdapterError";
    (error as Error & { cause: object }).cause = cause;
    return error;
  }

  it("maps a Postgres CHECK violation (23514) to a 422 rather than a 500", () => {
    const known = normaliseError(
      adapterError({ kind: "postgres", code: "23514", message: "violates check" }),
    );
    expect(known?.status).toBe(422);
  });

  it("leaves other Postgres errors as bugs", () => {
    expect(normaliseError(adapterError({ kind: "postgres", code: "42P01" }))).toBeNull();
  });
});
