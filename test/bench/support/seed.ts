import type pg from "pg";
import { issuerKinds } from "@/lib/catalog/issuer-kinds";

// Bulk seeding in one INSERT … SELECT generate_series per table: going through
// the use-cases would take minutes at 100k rows and measure the seeding, not
// the reads. Rows are deterministic functions of their index so every run
// sees the same data, varied enough that the planner's statistics look like a
// real catalogue (twelve kinds, many teams, URL shapes from CLOUDS.md §4).

/** The word the issuer search looks for; only these issuers (all within the first 1,000) carry it. */
export const rareTerm = "quasar";
/** Four of the rare issuers have this kind (i % 12 = 5), so `q` + `kind` narrows six rows to four. */
export const rareKind = "kubernetes-other";
const rareIndexes = [113, 250, 371, 485, 497, 509];

const kinds = issuerKinds;
const kindShort = [
  "gha",
  "gitlab",
  "aks",
  "eks",
  "gke",
  "k8s",
  "tfe",
  "ado",
  "circle",
  "kc",
  "spire",
  "oidc",
];
const teams = [
  "payments",
  "billing",
  "search",
  "checkout",
  "identity",
  "ledger",
  "catalog",
  "shipping",
  "analytics",
  "platform",
  "datalake",
  "notifications",
  "fraud",
  "pricing",
  "inventory",
  "mlserving",
];

const issuerSql = `
WITH base AS (
  SELECT i,
    ($3::text[])[1 + i % 12] AS kind,
    ($4::text[])[1 + i % 12] AS short,
    CASE WHEN i = ANY($6::int[]) THEN '${rareTerm}' ELSE ($5::text[])[1 + (i * 7) % 16] END AS team,
    (ARRAY['prod','staging','dev','sandbox','qa'])[1 + (i / 12) % 5] AS stage,
    (ARRAY['eastus','westeurope','northeurope','uksouth','japaneast','australiaeast'])[1 + i % 6] AS azure_region,
    (ARRAY['us-east-1','us-west-2','eu-west-1','eu-central-1','ap-southeast-2'])[1 + i % 5] AS aws_region,
    (ARRAY['us-central1','europe-west1','asia-northeast1','europe-west4'])[1 + i % 4] AS gcp_location,
    md5('issuer-' || i) AS h
  FROM generate_series($1::int, $2::int) AS i
), shaped AS (
  SELECT base.*, team || '-' || stage || '-' || i AS slug,
    CASE kind
      WHEN 'github-actions' THEN 'https://token.actions.githubusercontent.com/' || team || '-' || i
      WHEN 'gitlab' THEN 'https://gitlab.' || team || '-' || i || '.example.com'
      WHEN 'kubernetes-aks' THEN 'https://' || azure_region || '.oic.prod-aks.azure.com/'
        || md5('tenant-' || i % 7)::uuid || '/' || h::uuid || '/'
      WHEN 'kubernetes-eks' THEN 'https://oidc.eks.' || aws_region || '.amazonaws.com/id/' || upper(h)
      WHEN 'kubernetes-gke' THEN 'https://container.googleapis.com/v1/projects/' || team || '-' || stage
        || '-' || i || '/locations/' || gcp_location || '/clusters/' || stage || '-' || i
      WHEN 'kubernetes-other' THEN 'https://k8s.' || team || '-' || stage || '-' || i || '.example.net'
      WHEN 'terraform-cloud' THEN 'https://tfe-' || i || '.' || team || '.example.com'
      WHEN 'azure-devops' THEN 'https://login.microsoftonline.com/' || h::uuid || '/v2.0'
      WHEN 'circleci' THEN 'https://oidc.circleci.com/org/' || h::uuid
      WHEN 'keycloak' THEN 'https://sso.' || team || '.example.org/realms/' || stage || '-' || i
      WHEN 'spire' THEN 'https://oidc-discovery.' || team || '-' || i || '.example.net'
      ELSE 'https://issuer.' || team || '-' || stage || '-' || i || '.example.com'
    END AS url,
    timestamptz '2024-06-01 00:00Z' + i * interval '3 minutes' AS created
  FROM base
)
INSERT INTO issuer (id, name, issuer_url, kind, jwks_uri, notes, version, created_at, updated_at)
SELECT gen_random_uuid(), team || '-' || stage || '-' || short || '-' || i, url, kind::"IssuerKind",
  CASE WHEN kind = 'spire' THEN url || '/keys' END,
  CASE WHEN i % 4 = 0 THEN 'Owned by the ' || team || ' team (' || stage || '); keys rotate monthly.'
    ELSE '' END,
  1 + i % 5, created, created + (i % 90) * interval '1 day'
FROM shaped`;

// Hashes are synthetic (sha256 of the seq, not of the event), so
// `fedlens audit verify` would call this trail broken: the benchmark reads
// the trail, it never verifies it.
const auditSql = `
WITH base AS (
  SELECT s, s % 40 AS who, (s * 37 + s / 100) % 100 AS r
  FROM generate_series($1::bigint, $2::bigint) AS s
), acted AS (
  SELECT s, who,
    CASE WHEN r < 35 THEN 'issuer.update' WHEN r < 50 THEN 'issuer.create'
      WHEN r < 54 THEN 'issuer.delete' WHEN r < 74 THEN 'auth.sign_in'
      WHEN r < 82 THEN 'api_token.create' WHEN r < 86 THEN 'api_token.revoke'
      WHEN r < 91 THEN 'user.create' WHEN r < 95 THEN 'user.role.change'
      WHEN r < 98 THEN 'user.disable' ELSE 'user.enable' END AS action
  FROM base
), shaped AS (
  SELECT acted.*,
    CASE WHEN action = 'auth.sign_in' OR who < 30 THEN 'user' WHEN who < 38 THEN 'token'
      ELSE 'system' END AS actor_type,
    CASE split_part(action, '.', 1) WHEN 'auth' THEN 'user' ELSE split_part(action, '.', 1) END
      AS entity_type
  FROM acted
)
INSERT INTO audit_event (seq, occurred_at, actor_type, actor_id, actor_label, actor_role, action,
  entity_type, entity_id, request_id, before, after, prev_hash, hash)
SELECT s,
  timestamptz '2025-01-01 00:00Z' + s * interval '4 minutes',
  actor_type::"ActorType",
  CASE actor_type WHEN 'user' THEN md5('user-' || who)::uuid::text
    WHEN 'token' THEN md5('token-' || who)::uuid::text END,
  CASE actor_type WHEN 'user' THEN 'engineer' || who || '@example.test'
    WHEN 'token' THEN 'token:ci-deploy-' || who ELSE 'system' END,
  CASE actor_type WHEN 'system' THEN NULL
    ELSE (CASE WHEN who % 5 = 0 THEN 'admin' ELSE 'operator' END)::"Role" END,
  action,
  entity_type,
  CASE entity_type WHEN 'issuer' THEN md5('issuer-' || s % 5000)::uuid::text
    WHEN 'api_token' THEN md5('token-' || s % 40)::uuid::text
    ELSE md5('user-' || s % 40)::uuid::text END,
  md5('request-' || s)::uuid::text,
  CASE action
    WHEN 'issuer.update' THEN jsonb_build_object('notes', '', 'version', 1 + s % 7)
    WHEN 'issuer.delete' THEN jsonb_build_object('name', 'platform-prod-eks-' || s % 5000)
    WHEN 'user.role.change' THEN jsonb_build_object('role', 'viewer')
    WHEN 'user.enable' THEN jsonb_build_object('disabled', true) END,
  CASE action
    WHEN 'issuer.update' THEN jsonb_build_object('notes', 'Keys rotated', 'version', 2 + s % 7)
    WHEN 'issuer.create' THEN jsonb_build_object('name', 'platform-prod-eks-' || s % 5000,
      'issuerUrl', 'https://oidc.eks.eu-west-1.amazonaws.com/id/' || upper(md5('eks-' || s)),
      'kind', 'kubernetes-eks')
    WHEN 'user.role.change' THEN jsonb_build_object('role', 'operator')
    WHEN 'user.disable' THEN jsonb_build_object('disabled', true) END,
  encode(sha256(convert_to('synthetic-' || (s - 1), 'UTF8')), 'hex'),
  encode(sha256(convert_to('synthetic-' || s, 'UTF8')), 'hex')
FROM shaped`;

/** Issuers numbered from..to (inclusive). */
export async function seedIssuers(client: pg.Client, from: number, to: number): Promise<void> {
  await client.query(issuerSql, [from, to, kinds, kindShort, teams, rareIndexes]);
}

/** `count` audit events after the current head of the trail. */
export async function seedAuditEvents(client: pg.Client, count: number): Promise<void> {
  const { rows } = await client.query<{ head: string }>(
    "SELECT coalesce(max(seq), 0)::text AS head FROM audit_event",
  );
  const head = BigInt(rows[0]?.head ?? "0");
  await client.query(auditSql, [(head + 1n).toString(), (head + BigInt(count)).toString()]);
}
