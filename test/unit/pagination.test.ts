import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor, toListBody, toPage } from "@/lib/pagination";

const ZKey = z.object({ createdAt: z.string(), id: z.string() }).strict();

function decodeError(cursor: string): AppError {
  try {
    decodeCursor(cursor, ZKey);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected decodeCursor to refuse the cursor");
}

describe("cursors", () => {
  it("round-trips a key, including characters that need escaping", () => {
    const key = { createdAt: "2026-03-04T05:06:07.000Z", id: 'a"b/c+d=é' };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ZKey)).toEqual(key);
  });

  it.each([
    ["not base64", "!!!"],
    ["base64 of non-JSON", Buffer.from("hello").toString("base64url")],
    ["JSON of the wrong shape", encodeCursor({ seq: "5" })],
    ["an empty string", ""],
  ])("refuses %s as validation_failed on the cursor parameter", (_label, cursor) => {
    const error = decodeError(cursor);
    expect(error.code).toBe("validation_failed");
    expect(error.status).toBe(422);
    expect(error.invalidParams).toEqual([{ name: "cursor", reason: "not a valid cursor" }]);
  });

  it("does not echo the rejected cursor", () => {
    const cursor = Buffer.from('{"id":"canary-7c1d"}').toString("base64url");
    const error = decodeError(cursor);
    expect(JSON.stringify([error.message, error.invalidParams])).not.toMatch(/canary|7c1d/);
  });
});

describe("toPage", () => {
  const rows = ["a", "b", "c"].map((id, index) => ({ id, createdAt: `2026-01-0${index + 1}` }));
  const toItem = (row: (typeof rows)[number]) => row.id.toUpperCase();
  const cursorOf = (row: (typeof rows)[number]) => ({ createdAt: row.createdAt, id: row.id });

  it("keeps limit rows and points the cursor at the last one kept when an extra row came back", () => {
    const page = toPage(rows, 2, toItem, cursorOf);
    expect(page.data).toEqual(["A", "B"]);
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor ?? "", ZKey)).toEqual({ createdAt: "2026-01-02", id: "b" });
  });

  it.each([
    ["exactly limit rows", 3],
    ["fewer rows than the limit", 5],
  ])("has no next page with %s", (_label, limit) => {
    const page = toPage(rows, limit, toItem, cursorOf);
    expect(page).toEqual({ data: ["A", "B", "C"], nextCursor: null });
  });

  it("returns an empty page without a cursor", () => {
    expect(toPage([], 25, toItem, cursorOf)).toEqual({ data: [], nextCursor: null });
  });

  it("wraps a page in the list envelope", () => {
    expect(toListBody({ data: [1], nextCursor: "c" })).toEqual({
      data: [1],
      meta: { nextCursor: "c" },
    });
  });
});
