-- AlterEnum
ALTER TYPE "SyncOperationStatus" ADD VALUE 'applying';

-- AlterTable
ALTER TABLE "sync_plan" ADD COLUMN     "approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "approved_by" JSONB,
ADD COLUMN     "finished_at" TIMESTAMPTZ(3);

