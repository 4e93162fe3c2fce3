-- AlterTable
ALTER TABLE "diagnosed_token" ADD COLUMN     "undecided" INTEGER NOT NULL DEFAULT 0;

