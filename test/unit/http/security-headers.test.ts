import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pageCsp } from "@/lib/http/security-headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("pageCsp", () => {
  const nonce = randomBytes(16).toString("base64");
  const production = directives(pageCsp({ nonce, isDev: false }));

  it("lets scripts run only with this request's nonce", () => {
    const scripts = production.get("script-src");
    expect(scripts).toContain(`'nonce-${nonce}'`);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).not.toContain("*");
  });

  it.each([
    ["frame-ancestors", ["'none'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["default-src", ["'self'"]],
    ["connect-src", ["'self'"]],
    ["form-action", ["'self'"]],
  ])("sets %s to %j in production", (name, sources) => {
    expect(production.get(name)).toEqual(sources);
  });

  it("lets forms redirect to the SSO identity provider it is given", () => {
    const csp = directives(
      pageCsp({ nonce, isDev: false, formTargets: ["https://idp.example.com"] }),
    );
    expect(csp.get("form-action")).toEqual(["'self'", "https://idp.example.com"]);
  });

  it("adds 'unsafe-eval' and websockets only in development", () => {
    const dev = directives(pageCsp({ nonce, isDev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toContain("ws:");
    expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
    expect(production.get("connect-src")).not.toContain("ws:");
  });

  it("uses a different nonce for each request", () => {
    const other = randomBytes(16).toString("base64");
    expect(pageCsp({ nonce: other, isDev: false })).not.toContain(nonce);
  });
});
