-- CreateEnum
CREATE TYPE "Cloud" AS ENUM ('azure', 'aws', 'gcp');

-- CreateEnum
CREATE TYPE "TargetKind" AS ENUM ('azure-uami', 'azure-app', 'aws-role', 'gcp-provider');

-- CreateEnum
CREATE TYPE "SyncState" AS ENUM ('pending', 'in-sync', 'drifted', 'error');

-- CreateTable
CREATE TABLE "workload" (
    "id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "issuer_id" UUID NOT NULL,
    "team" VARCHAR(120) NOT NULL DEFAULT '',
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "subject_spec" JSONB NOT NULL,
    "subject" VARCHAR(600) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cloud_target" (
    "id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "cloud" "Cloud" NOT NULL,
    "kind" "TargetKind" NOT NULL,
    "config" JSONB NOT NULL,
    "external_id" VARCHAR(1024) NOT NULL,
    "scope" VARCHAR(64) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cloud_target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "binding" (
    "id" UUID NOT NULL,
    "workload_id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "cloud" "Cloud" NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "spec" JSONB NOT NULL,
    "issuer_url" VARCHAR(600) NOT NULL,
    "subject" VARCHAR(1024) NOT NULL,
    "sync_state" "SyncState" NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "binding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workload_name_key" ON "workload"("name");

-- CreateIndex
CREATE INDEX "workload_issuer_id_name_idx" ON "workload"("issuer_id", "name");

-- CreateIndex
CREATE INDEX "workload_name_trgm_idx" ON "workload" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "workload_subject_trgm_idx" ON "workload" USING GIN ("subject" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "cloud_target_name_key" ON "cloud_target"("name");

-- CreateIndex
CREATE UNIQUE INDEX "cloud_target_external_id_key" ON "cloud_target"("external_id");

-- CreateIndex
CREATE INDEX "cloud_target_cloud_name_idx" ON "cloud_target"("cloud", "name");

-- CreateIndex
CREATE INDEX "cloud_target_name_trgm_idx" ON "cloud_target" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "binding_cloud_name_id_idx" ON "binding"("cloud", "name", "id");

-- CreateIndex
CREATE INDEX "binding_workload_id_idx" ON "binding"("workload_id");

-- CreateIndex
CREATE INDEX "binding_target_id_idx" ON "binding"("target_id");

-- CreateIndex
CREATE INDEX "binding_issuer_url_idx" ON "binding"("issuer_url");

-- CreateIndex
CREATE INDEX "binding_sync_state_idx" ON "binding"("sync_state");

-- CreateIndex
CREATE INDEX "binding_subject_trgm_idx" ON "binding" USING GIN ("subject" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "binding_name_trgm_idx" ON "binding" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "binding_target_id_name_key" ON "binding"("target_id", "name");

-- AddForeignKey
ALTER TABLE "workload" ADD CONSTRAINT "workload_issuer_id_fkey" FOREIGN KEY ("issuer_id") REFERENCES "issuer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "binding" ADD CONSTRAINT "binding_workload_id_fkey" FOREIGN KEY ("workload_id") REFERENCES "workload"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "binding" ADD CONSTRAINT "binding_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "cloud_target"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

