-- CreateEnum
CREATE TYPE "ConnectionAuth" AS ENUM ('ambient', 'secret');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('queued', 'reading', 'ready', 'failed', 'imported');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SyncState" ADD VALUE 'missing';
ALTER TYPE "SyncState" ADD VALUE 'unknown';

-- AlterTable
ALTER TABLE "cloud_target" ADD COLUMN     "connection_id" UUID,
ADD COLUMN     "drift" JSONB,
ADD COLUMN     "drift_checked_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "binding" ADD COLUMN     "drift" JSONB,
ADD COLUMN     "owned" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sync_checked_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "cloud_connection" (
    "id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "cloud" "Cloud" NOT NULL,
    "scope" JSONB NOT NULL,
    "auth_kind" "ConnectionAuth" NOT NULL,
    "secret" JSONB,
    "secret_key_id" VARCHAR(16),
    "secret_updated_at" TIMESTAMPTZ(3),
    "endpoints" JSONB NOT NULL DEFAULT '{}',
    "ca_bundle" TEXT,
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "last_test" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cloud_connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_run" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'queued',
    "progress" JSONB NOT NULL DEFAULT '{}',
    "discovered" JSONB,
    "error" JSONB,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cloud_connection_name_key" ON "cloud_connection"("name");

-- CreateIndex
CREATE INDEX "import_run_connection_id_created_at_idx" ON "import_run"("connection_id", "created_at");

-- CreateIndex
CREATE INDEX "cloud_target_connection_id_idx" ON "cloud_target"("connection_id");

-- AddForeignKey
ALTER TABLE "cloud_target" ADD CONSTRAINT "cloud_target_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "cloud_connection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "cloud_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

