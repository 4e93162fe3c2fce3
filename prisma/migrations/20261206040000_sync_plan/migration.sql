-- CreateEnum
CREATE TYPE "SyncPlanStatus" AS ENUM ('draft', 'approved', 'applying', 'applied', 'failed', 'stale');

-- CreateEnum
CREATE TYPE "SyncOperationStatus" AS ENUM ('pending', 'applied', 'unchanged', 'failed', 'skipped', 'refused');

-- CreateTable
CREATE TABLE "binding_tombstone" (
    "id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "key" VARCHAR(1024) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "spec" JSONB NOT NULL,
    "deleted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_by_id" UUID,

    CONSTRAINT "binding_tombstone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_plan" (
    "id" UUID NOT NULL,
    "scope" JSONB NOT NULL,
    "status" "SyncPlanStatus" NOT NULL DEFAULT 'draft',
    "hash" CHAR(64) NOT NULL,
    "summary" JSONB NOT NULL,
    "targets" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_operation" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "binding_id" UUID,
    "position" INTEGER NOT NULL,
    "key" VARCHAR(1024) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "op" VARCHAR(16) NOT NULL,
    "status" "SyncOperationStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "change" JSONB,
    "before" JSONB,
    "after" JSONB,
    "differences" JSONB,
    "call" TEXT,
    "findings" JSONB NOT NULL,
    "error" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_operation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "binding_tombstone_target_id_idx" ON "binding_tombstone"("target_id");

-- CreateIndex
CREATE INDEX "sync_plan_created_at_idx" ON "sync_plan"("created_at");

-- CreateIndex
CREATE INDEX "sync_operation_plan_id_status_idx" ON "sync_operation"("plan_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "sync_operation_plan_id_position_key" ON "sync_operation"("plan_id", "position");

-- AddForeignKey
ALTER TABLE "binding_tombstone" ADD CONSTRAINT "binding_tombstone_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "cloud_target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_operation" ADD CONSTRAINT "sync_operation_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "sync_plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

