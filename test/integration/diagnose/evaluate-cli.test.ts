// `fedlens evaluate --file F` run as an operator would (issue 4 item 5): one
// body prints one Evaluation, an array prints an array, a rejected token is
// still exit 0; only unusable input fails, with exit 2 and a message.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Evaluation } from "@/lib/federation/types";
import {
  githubActionsClaims,
  githubActionsIssuer,
  startOidcIssuer,
  type OidcIssuer,
} from "@/test/support/oidc-issuer";
import { catalogueIssuer } from "./support";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
// Each run starts Node with tsx: about two seconds.
const timeout = 60_000;

type CliResult = { code: number | null; stdout: string; stderr: string };

function fedlensEvaluate(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "evaluate", ...args],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: inject("databaseUrl"),
          FEDLENS_ALLOWED_ISSUER_HOSTS: "127.0.0.1",
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

let dir: string;
let issuer: OidcIssuer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fedlens-evaluate-"));
  issuer = await startOidcIssuer();
  await catalogueIssuer(issuer, { issuerUrl: githubActionsIssuer, kind: "github-actions" });
});

afterAll(async () => {
  await issuer.stop();
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, content: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const azureBinding = {
  cloud: "azure",
  name: "app-main",
  issuer: githubActionsIssuer,
  audiences: ["api://AzureADTokenExchange"],
  subject: "repo:contoso/app:ref:refs/heads/main",
};
const header = { alg: "RS256", kid: "key-1", typ: "JWT" };
const claimsFor = (trigger: "branch" | "pull_request") =>
  githubActionsClaims({ owner: "contoso", repo: "app", trigger, aud: azureBinding.audiences });

describe("fedlens evaluate", () => {
  it(
    "prints one Evaluation for one body and exits 0 although the token is rejected",
    { timeout },
    async () => {
      const file = await fileWith("one.json", {
        claims: claimsFor("pull_request"),
        header,
        binding: azureBinding,
      });

      const result = await fedlensEvaluate(["--file", file]);

      expect(result).toMatchObject({ code: 0, stderr: "" });
      const evaluation = JSON.parse(result.stdout) as Evaluation;
      expect(evaluation).toMatchObject({ accepted: false, cloudError: { code: "AADSTS700213" } });
    },
  );

  it(
    "prints an array for an array, in order, verifying a signed token with the catalogue's keys",
    { timeout },
    async () => {
      const token = await issuer.mint(claimsFor("branch"));
      const file = await fileWith("many.json", [
        { token, binding: azureBinding },
        { claims: claimsFor("pull_request"), header, binding: azureBinding },
      ]);

      const result = await fedlensEvaluate(["--file", file]);

      expect(result.code).toBe(0);
      const evaluations = JSON.parse(result.stdout) as Evaluation[];
      expect(evaluations.map((evaluation) => evaluation.accepted)).toEqual([true, false]);
      expect(evaluations[0]?.checks.find((check) => check.check === "signature")).toMatchObject({
        ok: true,
        message: "The signature verifies with the issuer's key.",
      });
    },
  );

  it(
    "answers every body of an array, a problem document in place of each unusable one, and exits 2",
    { timeout },
    async () => {
      const file = await fileWith("mixed.json", [
        { claims: claimsFor("branch"), binding: azureBinding },
        { claims: claimsFor("branch"), binding: { ...azureBinding, audiences: undefined } },
        { binding: azureBinding },
        { claims: claimsFor("pull_request"), header, binding: azureBinding },
      ]);

      const result = await fedlensEvaluate(["--file", file]);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /body 2: The azure binding is invalid\. \(binding\.audiences: is required/,
      );
      expect(result.stderr).toMatch(/body 3: The body has invalid fields\. \(token: send either/);
      const answers = JSON.parse(result.stdout) as Record<string, unknown>[];
      expect(answers).toHaveLength(4);
      expect(answers[0]).toMatchObject({ accepted: true });
      expect(answers[1]).toEqual({
        type: "urn:fedlens:problem:validation-failed",
        title: "Validation failed",
        status: 422,
        detail: "The azure binding is invalid.",
        invalid_params: [
          { name: "binding.audiences", reason: expect.stringMatching(/^is required/) },
        ],
      });
      expect(answers[2]).toMatchObject({
        status: 422,
        invalid_params: [{ name: "token", reason: "send either token or claims" }],
      });
      expect(answers[3]).toMatchObject({ accepted: false, cloudError: { code: "AADSTS700213" } });
    },
  );

  it.each<[string, () => Promise<string[]>, RegExp]>([
    ["no --file", async () => [], /--file is required/],
    [
      "a file that cannot be read",
      async () => ["--file", path.join(dir, "missing.json")],
      /cannot read .*missing\.json/,
    ],
    [
      "a file that is not JSON",
      async () => ["--file", await fileWith("broken.json", '{"claims": {')],
      /broken\.json is not valid JSON/,
    ],
    [
      "a body the schema refuses",
      async () => ["--file", await fileWith("neither.json", { binding: azureBinding })],
      /neither\.json: .*send either token or claims/s,
    ],
    [
      "an empty array",
      async () => ["--file", await fileWith("empty.json", [])],
      /empty\.json: .*expected array to have >=1 items/s,
    ],
    [
      "one body the cloud's evaluator refuses",
      async () => [
        "--file",
        await fileWith("bad-binding.json", {
          claims: claimsFor("branch"),
          binding: { ...azureBinding, audiences: undefined },
        }),
      ],
      /body 1: The azure binding is invalid\. \(binding\.audiences: is required/,
    ],
  ])("exits 2 with a message for %s", { timeout }, async (_case, args, message) => {
    const result = await fedlensEvaluate(await args());

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});
