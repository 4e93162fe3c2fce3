import { randomUUID } from "node:crypto";
import type pg from "pg";
import { seedIssuers } from "./seed";

// The diagnose benchmark's catalogue. The token's issuer has a fixed estate of
// real trusts, created through the use-cases so the evaluators read specs the
// catalogue accepted: ten bindings over two targets per cloud, one of them
// trusting a trailing-slash look-alike of the issuer (a "near" result). Every
// other binding belongs to other issuers and is bulk SQL with a minimal spec
// (diagnose must never load it): one issuer and workload per twenty bindings,
// issuer URLs shaped as in seed.ts, spread over thirty shared targets.

export const tokenIssuerUrl = "https://idp.diagnose-bench.example.test";
/** One audience every binding of the token's issuer accepts, so verdicts run every check. */
export const benchAudience = "api://AzureADTokenExchange";
export const ownBindingCount = 10;
const bindingsPerOtherIssuer = 20;

export type TokenWorkloads = { matching: string; branch: string; otherRepo: string };

/** The subjects of the token issuer's three workloads; the token carries `matching`. */
export const subjects: TokenWorkloads = {
  matching: "repo:contoso/bench-app:environment:production",
  branch: "repo:contoso/bench-app:ref:refs/heads/main",
  otherRepo: "repo:contoso/ledger-app:environment:production",
};

/** Catalogues the token's issuer, its workloads, six targets and ten bindings via the use-cases. */
export async function seedTokenIssuer(jwksUri: string): Promise<void> {
  const { systemActor } = await import("@/lib/auth/actor");
  const { createIssuer } = await import("@/lib/catalog/issuers/create-issuer");
  const factories = await import("@/test/factories/catalog");
  const issuer = await createIssuer({
    actor: systemActor("diagnose-bench"),
    requestId: randomUUID(),
    input: { name: "diagnose bench issuer", issuerUrl: tokenIssuerUrl, kind: "generic", jwksUri },
  });
  const workloads = await Promise.all(
    Object.values(subjects).map((subject) =>
      factories.createTestWorkload({ issuer, subjectSpec: { kind: "free", subject } }),
    ),
  );
  const [matching, branch, otherRepo] = workloads as [
    (typeof workloads)[0],
    (typeof workloads)[0],
    (typeof workloads)[0],
  ];
  const provider = { url: tokenIssuerUrl, clientIds: [benchAudience], thumbprints: [] };
  const targets = {
    azure: await factories.createTestTarget("azure-uami"),
    azure2: await factories.createTestTarget("azure-uami"),
    aws: await factories.createTestTarget("aws-role", { config: { oidcProviders: [provider] } }),
    aws2: await factories.createTestTarget("aws-role", { config: { oidcProviders: [provider] } }),
    gcp: await factories.createTestTarget("gcp-provider", {
      config: { issuerUri: tokenIssuerUrl, allowedAudiences: [benchAudience] },
    }),
    gcp2: await factories.createTestTarget("gcp-provider", {
      config: { issuerUri: tokenIssuerUrl, allowedAudiences: [benchAudience] },
    }),
  };
  const awsBuilder = (subject: string) => ({
    audiences: [benchAudience],
    subjectOperator: "StringEquals",
    subjects: [subject],
    extraConditions: [],
  });
  const bindings = [
    { target: targets.azure, workload: matching, spec: factories.azureSpec(matching) },
    { target: targets.azure, workload: branch, spec: factories.azureSpec(branch) },
    { target: targets.azure2, workload: otherRepo, spec: factories.azureSpec(otherRepo) },
    {
      target: targets.azure2,
      workload: matching,
      spec: factories.azureSpec(matching, { issuer: `${tokenIssuerUrl}/` }),
    },
    {
      target: targets.aws,
      workload: matching,
      spec: factories.awsSpec(matching, { builder: awsBuilder(matching.subject) }),
    },
    {
      target: targets.aws,
      workload: branch,
      spec: factories.awsSpec(branch, { builder: awsBuilder(branch.subject) }),
    },
    {
      target: targets.aws2,
      workload: otherRepo,
      spec: factories.awsSpec(otherRepo, { builder: awsBuilder(otherRepo.subject) }),
    },
    { target: targets.gcp, workload: matching, spec: factories.gcpSpec() },
    { target: targets.gcp, workload: branch, spec: factories.gcpSpec() },
    { target: targets.gcp2, workload: otherRepo, spec: factories.gcpSpec() },
  ];
  for (const binding of bindings) await factories.createTestBinding(binding);
}

const workloadsSql = `
INSERT INTO workload (id, name, issuer_id, subject_spec, subject, updated_at)
SELECT gen_random_uuid(), 'wl-' || i.name, i.id, '{"kind":"free","subject":"x"}',
       'repo:contoso/' || i.name || ':environment:production', now()
FROM issuer i
WHERE i.issuer_url <> $1 AND NOT EXISTS (SELECT 1 FROM workload w WHERE w.issuer_id = i.id)`;

const targetsSql = `
INSERT INTO cloud_target (id, name, cloud, kind, config, external_id, scope, updated_at)
SELECT gen_random_uuid(), 'other-' || c.cloud || '-' || t, c.cloud::"Cloud", c.kind::"TargetKind",
       '{}', 'other:' || c.cloud || ':' || t, c.cloud || '-scope', now()
FROM (VALUES ('azure', 'azure-uami'), ('aws', 'aws-role'), ('gcp', 'gcp-provider')) AS c(cloud, kind),
     generate_series(1, 10) AS t`;

// Bindings s = from..to: workload s % (other workloads), target by cloud and s, a subject
// of its own (Azure allows one FIC per issuer and subject on an identity).
const bindingsSql = `
WITH targets AS (
  SELECT id, cloud, row_number() OVER (PARTITION BY cloud ORDER BY name) - 1 AS n
  FROM cloud_target WHERE name LIKE 'other-%'
), workloads AS (
  SELECT w.id, w.subject, i.issuer_url, row_number() OVER (ORDER BY w.name) - 1 AS n
  FROM workload w JOIN issuer i ON i.id = w.issuer_id
  WHERE i.issuer_url <> $3
), numbered AS (
  SELECT s, (ARRAY['azure', 'aws', 'gcp'])[s % 3 + 1] AS cloud,
         s % (SELECT count(*) FROM workloads) AS w
  FROM generate_series($1::int, $2::int) AS s
)
INSERT INTO binding (id, workload_id, target_id, cloud, name, spec, issuer_url, subject, updated_at)
SELECT gen_random_uuid(), w.id, t.id, n.cloud::"Cloud", 'other-binding-' || lpad(n.s::text, 6, '0'),
       jsonb_build_object('cloud', n.cloud, 'subject', x.subject), w.issuer_url, x.subject, now()
FROM numbered n
JOIN targets t ON t.cloud::text = n.cloud AND t.n = (n.s / 3) % 10
JOIN workloads w ON w.n = n.w
CROSS JOIN LATERAL (SELECT replace(w.subject, ':environment:', '-' || n.s || ':environment:') AS subject) x`;

/**
 * Grows the other issuers' part of the catalogue to `total - ownBindingCount`
 * bindings (numbered from..to), with issuers and workloads in proportion.
 */
export async function seedOtherBindings(client: pg.Client, from: number, to: number) {
  if (from === 1) await client.query(targetsSql);
  const issuersFrom = Math.ceil((from - 1) / bindingsPerOtherIssuer) + 1;
  const issuersTo = Math.ceil(to / bindingsPerOtherIssuer);
  if (issuersTo >= issuersFrom) await seedIssuers(client, issuersFrom, issuersTo);
  await client.query(workloadsSql, [tokenIssuerUrl]);
  await client.query(bindingsSql, [from, to, tokenIssuerUrl]);
}
