-- AlterTable
ALTER TABLE "issuer" ADD COLUMN     "jwks_json" JSONB;

