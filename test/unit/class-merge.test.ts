import { describe, expect, it } from "vitest";
import { mergeClasses } from "@/lib/class-merge";
import { cn } from "@/lib/utils";

describe("mergeClasses", () => {
  it.each([
    ["px-4 py-2 px-2", "py-2 px-2"],
    ["h-9 h-8", "h-8"],
    ["px-4 py-2 p-0", "p-0"],
    ["p-6 px-2", "p-6 px-2"],
    ["text-sm text-destructive", "text-sm text-destructive"],
    ["text-sm text-muted-foreground text-xs", "text-muted-foreground text-xs"],
    ["text-foreground text-destructive", "text-destructive"],
    ["text-left text-center", "text-center"],
    ["font-medium font-mono font-semibold", "font-mono font-semibold"],
    ["inline-flex grid", "grid"],
    ["flex flex-1 flex-wrap", "flex flex-1 flex-wrap"],
    ["border border-input border-destructive", "border border-destructive"],
    ["border border-b-0 border-0", "border-0"],
    ["border-dashed border-solid", "border-solid"],
    ["rounded-md rounded-t-none rounded-lg", "rounded-lg"],
    ["rounded-lg rounded-t-none", "rounded-lg rounded-t-none"],
    ["bg-card bg-muted/40", "bg-muted/40"],
    ["min-w-0 w-full max-w-md max-w-prose", "min-w-0 w-full max-w-prose"],
    ["gap-x-2 gap-4", "gap-4"],
    ["justify-items-center justify-between", "justify-items-center justify-between"],
    ["hover:bg-muted bg-card hover:bg-primary/90", "bg-card hover:bg-primary/90"],
    ["hidden md:grid data-[state=open]:grid grid", "md:grid data-[state=open]:grid grid"],
    ["mt-2 -mt-1", "-mt-1"],
    ["shadow-xs shadow-lg", "shadow-lg"],
    ["ring-1 ring-destructive ring-2", "ring-destructive ring-2"],
    ["[&>svg]:size-4 [&>svg]:size-5 size-3", "[&>svg]:size-5 size-3"],
    ["sr-only focus:not-sr-only", "sr-only focus:not-sr-only"],
    ["animate-pulse custom-thing custom-thing", "animate-pulse custom-thing"],
  ])("turns %j into %j", (input, expected) => {
    expect(mergeClasses(input)).toBe(expected);
  });

  it("keeps classes it does not know, in order", () => {
    expect(mergeClasses("prose  foo-bar\nbaz")).toBe("prose foo-bar baz");
  });
});

describe("cn", () => {
  it("lets the caller's class override a variant's", () => {
    expect(cn("h-9 px-4 py-2 text-sm", false && "hidden", { "w-full": true }, "h-8 px-2")).toBe(
      "py-2 text-sm w-full h-8 px-2",
    );
  });
});
