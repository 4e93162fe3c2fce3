import { describe, expect, it } from "vitest";
import { recentObjects } from "@/lib/recent-objects";

describe("recentObjects", () => {
  it("answers for the objects set, by identity, not by content", () => {
    const recent = recentObjects<object, string>(2);
    const condition = { StringEquals: { sub: "repo:contoso/web:ref:refs/heads/main" } };
    recent.set(condition, "compiled");
    expect(recent.get(condition)).toBe("compiled");
    expect(recent.get({ StringEquals: { sub: "repo:contoso/web:ref:refs/heads/main" } })).toBe(
      undefined,
    );
  });

  it("keeps the last few objects set, forgetting the oldest first", () => {
    const recent = recentObjects<object, number>(3);
    const objects = Array.from({ length: 5 }, () => ({}));
    objects.forEach((object, index) => recent.set(object, index));
    expect(objects.map((object) => recent.get(object))).toEqual([undefined, undefined, 2, 3, 4]);
  });

  it("replaces an object's answer in place, so setting it again forgets nothing else", () => {
    const recent = recentObjects<object, string>(2);
    const [first, second] = [{}, {}];
    recent.set(first, "a");
    recent.set(second, "b");
    recent.set(second, "b again");
    expect(recent.get(first)).toBe("a");
    expect(recent.get(second)).toBe("b again");
  });
});
