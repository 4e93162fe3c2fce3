-- AlterTable
ALTER TABLE "audit_event" ADD COLUMN     "key_id" CHAR(16);
