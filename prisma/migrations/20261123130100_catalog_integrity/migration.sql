-- Catalogue rules Prisma's schema language cannot express (see the note in
-- 20261123120100_integrity; the migrations test lists these objects).

-- A target's kind belongs to its cloud, and a binding lives in its target's
-- cloud: the composite key lets the database refuse an AWS binding on an
-- Azure identity whatever the application does.
ALTER TABLE "cloud_target" ADD CONSTRAINT "cloud_target_kind_matches_cloud" CHECK (
  ("cloud" = 'azure' AND "kind" IN ('azure-uami', 'azure-app'))
  OR ("cloud" = 'aws' AND "kind" = 'aws-role')
  OR ("cloud" = 'gcp' AND "kind" = 'gcp-provider')
);
ALTER TABLE "cloud_target" ADD CONSTRAINT "cloud_target_id_cloud_key" UNIQUE ("id", "cloud");
ALTER TABLE "binding" ADD CONSTRAINT "binding_target_cloud_fkey"
  FOREIGN KEY ("target_id", "cloud") REFERENCES "cloud_target" ("id", "cloud")
  ON UPDATE CASCADE ON DELETE RESTRICT;

-- Entra keeps (issuer, subject) unique per identity: "Issuer and subject
-- combination already exists for this Managed Identity" (CLOUDS.md 1.5).
-- Flexible credentials (no subject) are outside the rule.
CREATE UNIQUE INDEX "binding_azure_issuer_subject_key" ON "binding" ("target_id", "issuer_url", "subject")
  WHERE "cloud" = 'azure' AND "spec" ? 'subject';
