import type pg from "pg";

// Bindings in bulk SQL for the list benchmark: ten targets per cloud, fifty
// GitHub workloads, and bindings spread over them whose subjects look like the
// ones operators search for. Specs are minimal stand-ins (the list endpoint
// does not read them); a handful of subjects carry a rare repository name so
// the subject search returns the same few rows at every size.

export const rareRepository = "zephyr-ledger";
const rareIndexes = [117, 342, 580, 731, 955];

const parentsSql = `
WITH issuer AS (
  INSERT INTO issuer (id, name, issuer_url, kind, updated_at)
  VALUES (gen_random_uuid(), 'bench GitHub', 'https://token.actions.githubusercontent.com', 'github-actions', now())
  RETURNING id
)
INSERT INTO workload (id, name, issuer_id, subject_spec, subject, updated_at)
SELECT gen_random_uuid(), 'bench-workload-' || w, issuer.id, '{"kind":"free","subject":"x"}',
       'repo:contoso/svc-' || w || ':environment:production', now()
FROM issuer, generate_series(1, 50) AS w`;

const targetsSql = `
INSERT INTO cloud_target (id, name, cloud, kind, config, external_id, scope, updated_at)
SELECT gen_random_uuid(), 'bench-' || c.cloud || '-' || t, c.cloud::"Cloud", c.kind::"TargetKind", '{}',
       'bench:' || c.cloud || ':' || t, c.cloud || '-scope', now()
FROM (VALUES ('azure', 'azure-uami'), ('aws', 'aws-role'), ('gcp', 'gcp-provider')) AS c(cloud, kind),
     generate_series(1, 10) AS t`;

const bindingsSql = `
WITH targets AS (
  SELECT id, cloud, row_number() OVER (PARTITION BY cloud ORDER BY name) - 1 AS n FROM cloud_target
), workloads AS (
  SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM workload
), numbered AS (
  SELECT s, (ARRAY['azure', 'aws', 'gcp'])[s % 3 + 1] AS cloud,
         CASE WHEN s = ANY($3::int[]) THEN '${rareRepository}' ELSE 'svc-' || (s % 5000) END AS repo
  FROM generate_series($1::int, $2::int) AS s
)
INSERT INTO binding (id, workload_id, target_id, cloud, name, spec, issuer_url, subject, updated_at)
SELECT gen_random_uuid(), w.id, t.id, n.cloud::"Cloud", 'binding-' || lpad(n.s::text, 6, '0'),
       jsonb_build_object('cloud', n.cloud, 'subject', 'repo:contoso/' || n.repo || ':environment:env-' || n.s),
       'https://token.actions.githubusercontent.com',
       'repo:contoso/' || n.repo || ':environment:env-' || n.s, now()
FROM numbered n
JOIN targets t ON t.cloud::text = n.cloud AND t.n = (n.s / 3) % 10
JOIN workloads w ON w.n = n.s % 50`;

/** Bindings numbered from..to (inclusive); the parents are created with the first batch. */
export async function seedBindings(client: pg.Client, from: number, to: number): Promise<void> {
  if (from === 1) {
    await client.query(parentsSql);
    await client.query(targetsSql);
  }
  await client.query(bindingsSql, [from, to, rareIndexes]);
}
