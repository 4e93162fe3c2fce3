import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HistoryEvent } from "@/components/audit/history-event";
import type { TAuditEvent } from "@/lib/schemas/audit";

// One entry of an entity's History section, as the server renders it.

const event: TAuditEvent = {
  seq: "17",
  occurredAt: "2026-12-06T05:59:00.000Z",
  actor: { type: "user", id: "u1", label: "ops@example.test", role: "operator" },
  action: "issuer.update",
  entity: { type: "issuer", id: "i1" },
  requestId: "req-17",
  before: { name: "Old name", notes: "kept" },
  after: { name: "New name", notes: "kept" },
  hash: "c".repeat(64),
};

const render = (open: boolean) =>
  renderToStaticMarkup(createElement("ol", null, createElement(HistoryEvent, { event, open })));

describe("HistoryEvent", () => {
  it("says who did what (in words, not the trail's code) and when, with the seq", () => {
    const html = render(true);
    expect(html).toContain("Issuer edited");
    expect(html).not.toContain("issuer.update");
    expect(html).toContain("ops@example.test");
    expect(html).toContain("operator");
    expect(html).toContain('dateTime="2026-12-06T05:59:00.000Z"');
    expect(html).toContain("#17");
  });

  it("shows the changed field's before and after, changed fields first", () => {
    const html = render(true);
    expect(html.indexOf("Old name")).toBeGreaterThan(0);
    expect(html.indexOf("New name")).toBeGreaterThan(html.indexOf("Old name"));
    expect(html.indexOf("New name")).toBeLessThan(html.indexOf("kept"));
  });

  it("opens the diff only when asked", () => {
    expect(render(true)).toContain("<details open");
    expect(render(false)).not.toContain("<details open");
  });
});
