import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderEnvTable } from "@/lib/env-docs";

describe("README configuration table", () => {
  it("matches lib/env.ts variable for variable (regenerate it from renderEnvTable())", () => {
    const readme = readFileSync(path.join(process.cwd(), "README.md"), "utf8");
    const section = /<!-- env:start -->\n([\s\S]*?)\n<!-- env:end -->/.exec(readme)?.[1];
    expect(section, "README.md lacks the env:start/env:end markers").toBeDefined();
    expect(section).toBe(renderEnvTable());
  });
});
