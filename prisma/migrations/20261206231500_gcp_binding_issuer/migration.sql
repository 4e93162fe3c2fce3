-- A GCP grant trusts whatever issuer its provider trusts, and its issuer_url
-- is what lists, diagnose and the trust map find it by. Until editing a
-- provider carried its issuer URI over to its grants, an edit left them
-- under the old issuer: bring those in line once.
UPDATE "binding" AS b
SET "issuer_url" = t."config"->>'issuerUri'
FROM "cloud_target" AS t
WHERE b."target_id" = t."id"
  AND t."kind" = 'gcp-provider'
  AND jsonb_typeof(t."config"->'issuerUri') = 'string'
  AND length(t."config"->>'issuerUri') <= 600
  AND b."issuer_url" IS DISTINCT FROM t."config"->>'issuerUri';
