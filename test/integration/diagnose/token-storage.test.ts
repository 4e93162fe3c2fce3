// Nothing stores the raw token (issue 4 item 5; SECURITY.md 3.7): after a
// diagnosis no column of any table holds the token, its payload or its
// signature segment; the diagnose history keeps the SHA-256 and a few claims.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import {
  azureAudience,
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser, type TestUser } from "@/test/factories/users";
import {
  aksIssuerUrl,
  aksServiceAccountClaims,
  startOidcIssuer,
  type OidcIssuer,
} from "@/test/support/oidc-issuer";
import { allowLoopbackIssuers, catalogueIssuer, diagnose } from "./support";

allowLoopbackIssuers();

let issuer: OidcIssuer;
let viewer: TestUser;
let viewerToken: string;

beforeAll(async () => {
  issuer = await startOidcIssuer();
  viewer = await createTestUser({ role: "viewer" });
  viewerToken = await createTestToken(viewer);
});

afterAll(() => issuer.stop());

/** Every base table of the schema whose rows, read as text, contain `needle`. */
async function tablesContaining(needle: string): Promise<string[]> {
  const db = getDb();
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  expect(tables.length).toBeGreaterThan(10);
  const found: string[] = [];
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    // strpos, not LIKE: base64url's "_" is a LIKE wildcard.
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${quoted} AS t WHERE strpos(t::text, $1) > 0`,
      needle,
    );
    if ((row?.n ?? 0) > 0) found.push(name);
  }
  return found;
}

async function diagnosedAksToken() {
  const aks = await catalogueIssuer(issuer, { issuerUrl: aksIssuerUrl(), kind: "kubernetes-aks" });
  const workload = await createTestWorkload({
    issuer: aks,
    subjectSpec: { kind: "kubernetes", namespace: "wkldid", serviceAccount: "sawkldid" },
  });
  await createTestBinding({
    workload,
    target: await createTestTarget("azure-uami"),
    spec: azureSpec(workload),
  });
  const claims = aksServiceAccountClaims({
    issuer: aks.issuerUrl,
    namespace: "wkldid",
    serviceAccount: "sawkldid",
    aud: [azureAudience],
  });
  const token = await issuer.mint(claims);
  const diagnosis = await diagnose(token, viewerToken);
  return { token, claims, diagnosis };
}

describe("diagnosing a token", () => {
  it("leaves no trace of the token, its payload or its signature in any table", async () => {
    const { token, diagnosis } = await diagnosedAksToken();
    const [, payload = "", signature = ""] = token.split(".");
    expect(diagnosis.results).toHaveLength(1);

    expect(await tablesContaining(token)).toEqual([]);
    expect(await tablesContaining(payload)).toEqual([]);
    expect(await tablesContaining(signature)).toEqual([]);
    // The scan does see stored values: the hash is there, in the diagnose
    // history and in the audit trail's record of the diagnosis.
    expect(await tablesContaining(diagnosis.tokenSha256)).toEqual([
      "audit_event",
      "diagnosed_token",
    ]);
  });

  it("records the SHA-256 of the token and its iss, sub, aud, exp, iat, jti, kid and alg", async () => {
    const { token, claims, diagnosis } = await diagnosedAksToken();
    const sha256 = createHash("sha256").update(token).digest("hex");
    expect(diagnosis.tokenSha256).toBe(sha256);

    const rows = await getDb().diagnosedToken.findMany({ where: { tokenSha256: sha256 } });

    // Bindings of other AKS clusters on the same host are evaluated too, as near misses.
    const accepted = diagnosis.results.filter((result) => result.evaluation.accepted);
    expect(accepted.map((result) => result.issuerMatch)).toEqual(["exact"]);

    expect(rows).toEqual([
      expect.objectContaining({
        userId: viewer.user.id,
        tokenSha256: sha256,
        iss: claims.iss,
        sub: "system:serviceaccount:wkldid:sawkldid",
        aud: [azureAudience],
        exp: BigInt(claims.exp as number),
        iat: BigInt(claims.iat as number),
        jti: claims.jti,
        kid: issuer.currentKey().kid,
        alg: "RS256",
        signature: "valid",
        accepted: 1,
        rejected: diagnosis.results.length - 1,
      }),
    ]);
  });

  it("hashes the normalised token, so a pasted 'Bearer …' with spaces is the same token", async () => {
    const { token, diagnosis } = await diagnosedAksToken();

    const again = await diagnose(`  Bearer ${token}\n`, viewerToken);

    expect(again.tokenSha256).toBe(diagnosis.tokenSha256);
    expect(
      await getDb().diagnosedToken.count({ where: { tokenSha256: diagnosis.tokenSha256 } }),
    ).toBe(2);
    expect(await tablesContaining(token)).toEqual([]);
  });
});
