// `fedlens reach` as an operator runs it, in a child process against the
// integration database seeded with the demo estate.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { seedDemo } from "@/lib/db/seed-demo";
import type { TReachAnswer } from "@/lib/trust-map/reach-schemas";
import { runCli } from "@/test/support/run-cli";

const databaseUrl = inject("databaseUrl");
const timeout = 60_000;
const github = "https://token.actions.githubusercontent.com";

beforeAll(async () => {
  await seedDemo();
});

describe("fedlens reach", () => {
  it(
    "lists the bindings that accept a GitHub identity described by sub and claims",
    { timeout },
    async () => {
      const result = await runCli(databaseUrl, [
        "reach",
        "--issuer",
        github,
        "--sub",
        "repo:contoso/web:ref:refs/heads/main",
        "--claim",
        "repository=contoso/web",
        "--claim=repository_owner=contoso",
        "--json",
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const answer = JSON.parse(result.stdout) as TReachAnswer;
      const accepted = answer.bindings
        .filter((entry) => entry.verdict === "accepted")
        .map((entry) => `${entry.target.name}/${entry.binding.name}`);
      expect(accepted).toEqual(
        expect.arrayContaining(["aws-web-deployer/WebMain", "gcp-github/web-repository"]),
      );
      expect(accepted).not.toContain("app-platform-deployer/web-main");
    },
  );

  it("says so in plain words when nothing accepts the identity", { timeout }, async () => {
    const result = await runCli(databaseUrl, [
      "reach",
      "--issuer",
      "https://nobody.example",
      "--sub",
      "x",
    ]);
    expect(result).toMatchObject({ code: 0, stdout: "No binding accepts x.\n" });
  });

  it("refuses a claim without a value with usage help and exit code 2", { timeout }, async () => {
    const result = await runCli(databaseUrl, [
      "reach",
      "--issuer",
      github,
      "--sub",
      "x",
      "--claim",
      "ref",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--claim takes name=value/);
  });
});
