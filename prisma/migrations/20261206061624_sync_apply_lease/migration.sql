-- AlterTable
ALTER TABLE "sync_plan" ADD COLUMN     "lease_until" TIMESTAMPTZ(3),
ADD COLUMN     "runner" UUID;

