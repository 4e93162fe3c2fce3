import { beforeAll, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { bindingsAtRisk, openFindingsByBinding } from "@/lib/risk/binding-risk-summary";

// The bindings list's findings column works on one page's targets; it must
// agree with the whole register for those bindings, siblings included.

beforeAll(async () => {
  await seedDemo();
});

it("gives a page's bindings the same findings as the whole catalogue does", async () => {
  const whole = await openFindingsByBinding();
  expect(whole.size).toBeGreaterThan(0);
  const targets = await getDb().cloudTarget.findMany({ select: { id: true } });
  for (const { id } of targets) {
    const scoped = await openFindingsByBinding({ targetIds: [id] });
    const bindings = await getDb().binding.findMany({
      where: { targetId: id },
      select: { id: true },
    });
    for (const binding of bindings) expect(scoped.get(binding.id)).toEqual(whole.get(binding.id));
  }
});

it("filters bindings by their worst open finding", async () => {
  const whole = await openFindingsByBinding();
  const critical = bindingsAtRisk(whole, "critical");
  const any = bindingsAtRisk(whole, "low");
  expect(critical.length).toBeGreaterThan(0);
  expect(any.length).toBe(whole.size);
  expect(critical.every((id) => whole.get(id)?.worst === "critical")).toBe(true);
});
