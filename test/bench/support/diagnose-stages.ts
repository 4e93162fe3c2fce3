// Where a diagnosis spends its time: the pipeline of lib/diagnose/diagnose-token.ts
// replayed stage by stage with the same calls, and the SQL it sends replayed
// under EXPLAIN. App modules are imported lazily: the benchmark sets the
// environment first.
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { captureSql, explainRepeatedly, type Explained } from "./measure";
import { medianMs } from "./throughput";

export const stageNames = [
  "decode (readToken)",
  "issuer candidates (SQL)",
  "issuer key set (SQL)",
  "verify signature (jose)",
  "bindings (one SQL query)",
  "bindings: evaluators",
  "other issuers (SQL)",
  "record diagnosis (INSERT)",
] as const;
export type StageName = (typeof stageNames)[number];

/** Median ms of each stage over `runs` runs; the last stage inserts a diagnosed_token row per run. */
export async function timeStages(
  token: string,
  actor: Actor,
  runs: number,
): Promise<Record<StageName, number>> {
  const { getDb } = await import("@/lib/db/client");
  const { readToken } = await import("@/lib/diagnose/read-token");
  const { findIssuerCandidates, issuerOrigin } = await import("@/lib/diagnose/issuer-candidates");
  const { evaluateCatalogue } = await import("@/lib/diagnose/evaluate-catalogue");
  const { loadCatalogueBindings } = await import("@/lib/diagnose/load-catalogue-bindings");
  const { recordDiagnosis } = await import("@/lib/diagnose/record-diagnosis");
  const { keysForIssuer } = await import("@/lib/tokens/key-source");
  const { verifySignature } = await import("@/lib/tokens/verify");
  const db = getDb();

  const decoded = readToken(token);
  const iss = String(decoded.claims.iss);
  const candidates = await findIssuerCandidates(db, iss);
  const issuer = candidates.exact;
  if (!issuer) throw new Error(`${iss} is not catalogued`);
  const keys = await keysForIssuer(issuer, { kid: decoded.header.kid });
  if (!keys.ok) throw new Error(keys.message);
  const verdict = await verifySignature(decoded.text, keys.jwks);
  const signature = { ...verdict, issuerId: issuer.id };
  const origin = issuerOrigin(iss);
  const input = {
    iss,
    token: {
      header: decoded.header,
      claims: decoded.claims,
      signature: verdict.status,
      signatureReason: verdict.message,
    },
    at: new Date(),
  };
  const loaded = await loadCatalogueBindings(db, { iss, origin });
  const results = evaluateCatalogue(loaded, input);
  const excluded = [issuer, ...candidates.nearMisses].map((candidate) => candidate.id);

  const stages: Record<StageName, () => Promise<unknown>> = {
    "decode (readToken)": () => Promise.resolve(readToken(token)),
    "issuer candidates (SQL)": () => findIssuerCandidates(db, iss),
    "issuer key set (SQL)": () => keysForIssuer(issuer, { kid: decoded.header.kid }),
    "verify signature (jose)": () => verifySignature(decoded.text, keys.jwks),
    "bindings (one SQL query)": () => loadCatalogueBindings(db, { iss, origin }),
    "bindings: evaluators": () => Promise.resolve(evaluateCatalogue(loaded, input)),
    "other issuers (SQL)": () =>
      db.issuer.findMany({
        where: { id: { notIn: excluded } },
        select: { id: true, name: true, issuerUrl: true },
        orderBy: { name: "asc" },
        take: 20,
      }),
    "record diagnosis (INSERT)": () =>
      recordDiagnosis(db, {
        actor,
        requestId: "bench-diagnose",
        decoded,
        signature,
        results,
        issuerId: candidates.exact?.id ?? null,
      }),
  };
  const times = {} as Record<StageName, number>;
  for (const name of stageNames) times[name] = await medianMs(stages[name], runs);
  return times;
}

export type ExplainedStatement = { label: string; sql: string; plan: Explained };

const tables = ["binding", "issuer", "issuer_key_set", "workload", "cloud_target"];

/** A short name for a Prisma SELECT: its table and the start of its WHERE clause. */
function labelOf(text: string): string {
  const plain = text.replace(/"public"\./g, "").replace(/\s+/g, " ");
  const table = /FROM "(\w+)"/.exec(plain)?.[1] ?? "?";
  const where = /WHERE (.*?)(?: ORDER BY| LIMIT| OFFSET|$)/.exec(plain)?.[1] ?? "";
  const short = where.replace(/"\w+"\."(\w+)"/g, "$1").replace(/::\w+/g, "");
  return `${table}: ${short.length > 90 ? `${short.slice(0, 87)}...` : short}`;
}

/** Every SELECT one diagnosis sends, each replayed `runs` times under EXPLAIN ANALYZE. */
export async function explainDiagnosis(
  client: pg.Client,
  diagnose: () => Promise<unknown>,
  runs: number,
): Promise<ExplainedStatement[]> {
  const captured = await captureSql(tables, async () => {
    await diagnose();
  });
  const explained: ExplainedStatement[] = [];
  for (const statement of captured) {
    const plan = await explainRepeatedly(client, statement, runs);
    explained.push({ label: labelOf(statement.text), sql: statement.text, plan });
  }
  return explained.sort((a, b) => a.label.localeCompare(b.label));
}
