-- AlterTable
ALTER TABLE "binding" ALTER COLUMN "subject" SET DATA TYPE TEXT;

