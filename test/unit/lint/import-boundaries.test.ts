import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The boundaries of CONVENTIONS 1-3 and 18 are lint rules; these cases pin
// what they refuse and what they let through, on files that need not exist.

const root = path.resolve(import.meta.dirname, "../../..");
let eslint: ESLint;

// Loading the config (Next.js and typescript-eslint plugins) is the slow part.
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.lintText("export {};\n", { filePath: path.join(root, "lib/x.ts") });
}, 60_000);

async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, {
    filePath: path.join(root, file),
  });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe("import boundaries", () => {
  it.each([
    [
      "a page reaching the Prisma client",
      "app/(console)/x/page.tsx",
      'import { getDb } from "@/lib/db/client";\nvoid getDb;',
    ],
    [
      "a route importing only a Prisma type",
      "app/api/v1/x/route.ts",
      'import type { Prisma } from "@/lib/db/generated/client";\nexport type X = Prisma.JsonValue;',
    ],
    [
      "a page reaching lib/db by a relative path",
      "app/(console)/x/page.tsx",
      'import type { Tx } from "../../../lib/db/client";\nexport type X = Tx;',
    ],
    [
      "a component importing the Prisma package",
      "components/x/y.tsx",
      'import type { PrismaClient } from "@prisma/client";\nexport type X = PrismaClient;',
    ],
    [
      "a page re-exporting a lib/db type",
      "app/x/page.tsx",
      'export type { Db } from "@/lib/db/client";',
    ],
    [
      "the evaluator importing lib/http",
      "lib/federation/x.ts",
      'import { safeFetchJson } from "@/lib/http/safe-fetch";\nvoid safeFetchJson;',
    ],
    [
      "a matcher importing a lib/db type",
      "lib/clouds/aws/match/x.ts",
      'import type { Db } from "@/lib/db/client";\nexport type X = Db;',
    ],
    [
      "a matcher importing a cloud SDK",
      "lib/clouds/gcp/match/x.ts",
      'import { IAMClient } from "@aws-sdk/client-iam";\nvoid IAMClient;',
    ],
    [
      "a cloud's match entry importing undici",
      "lib/clouds/azure/match.ts",
      'import { request } from "undici";\nvoid request;',
    ],
    ["the evaluator marked server-only", "lib/federation/x.ts", 'import "server-only";'],
    [
      "a use-case importing a cloud SDK instead of the adapter",
      "lib/sync/drift/x.ts",
      'import { IAMClient } from "@aws-sdk/client-iam";\nvoid IAMClient;',
    ],
    [
      "a cloud's catalogue rules importing an SDK",
      "lib/clouds/azure/binding-findings-x.ts",
      'import { ManagedServiceIdentityClient } from "@azure/arm-msi";\nvoid ManagedServiceIdentityClient;',
    ],
    [
      "a route handler importing a Google client",
      "app/api/v1/x/route.ts",
      'import { iam } from "@googleapis/iam";\nvoid iam;',
    ],
  ])("refuses %s", async (_label, file, code) => {
    expect(await ruleIdsFor(file, code)).toEqual(["no-restricted-imports"]);
  });

  it("refuses a component importing a type from a server-only module", async () => {
    const code =
      'import type { TIssuerKeyHealth } from "@/lib/catalog/issuers/get-issuer-key-health";\nexport type X = TIssuerKeyHealth;';
    const inline = code.replace("import type { T", "import { type T");
    for (const source of [code, inline]) {
      expect(await ruleIdsFor("components/x/y.tsx", source)).toEqual([
        "fedlens/no-server-only-import",
      ]);
    }
  });

  it("refuses a client component importing a server-only module, but lets a server component call it", async () => {
    const call = 'import { getIssuer } from "@/lib/catalog/issuers/get-issuer";\nvoid getIssuer;';
    expect(await ruleIdsFor("components/x/y.tsx", `"use client";\n${call}`)).toEqual([
      "fedlens/no-server-only-import",
    ]);
    expect(await ruleIdsFor("components/x/y.tsx", call)).toEqual([]);
  });

  it("refuses a component calling apiFetch itself, but not one using ApiError", async () => {
    const fetches = 'import { apiFetch } from "@/lib/api-client";\nvoid apiFetch;';
    const errors = 'import { ApiError } from "@/lib/api-client";\nvoid ApiError;';
    expect(await ruleIdsFor("components/x/y.tsx", fetches)).toEqual(["no-restricted-imports"]);
    expect(await ruleIdsFor("components/x/y.tsx", errors)).toEqual([]);
  });

  it.each([
    [
      "a page calling a use-case",
      "app/(console)/x/page.tsx",
      'import { countIssuers } from "@/lib/catalog/issuers/count-issuers";\nvoid countIssuers;',
    ],
    [
      "a component importing a leaf types file",
      "components/x/y.tsx",
      'import type { TIssuerKeyHealth } from "@/lib/catalog/issuers/issuer-key-health";\nexport type X = TIssuerKeyHealth;',
    ],
    [
      "a use-case using the Prisma client",
      "lib/catalog/x.ts",
      'import { getDb } from "@/lib/db/client";\nvoid getDb;',
    ],
    [
      "a matcher using shared evaluation types",
      "lib/clouds/aws/match/x.ts",
      'import type { Check } from "@/lib/federation/types";\nexport type X = Check;',
    ],
    [
      "a cloud's adapter importing its SDK",
      "lib/clouds/aws/adapter/x.ts",
      'import { IAMClient } from "@aws-sdk/client-iam";\nvoid IAMClient;',
    ],
  ])("allows %s", async (_label, file, code) => {
    expect(await ruleIdsFor(file, code)).toEqual([]);
  });
});
