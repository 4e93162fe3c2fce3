-- CreateEnum
CREATE TYPE "ExchangeStatus" AS ENUM ('running', 'succeeded', 'failed', 'abandoned');

-- CreateTable
CREATE TABLE "exchange_attempt" (
    "id" UUID NOT NULL,
    "binding_id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "cloud" "Cloud" NOT NULL,
    "status" "ExchangeStatus" NOT NULL DEFAULT 'running',
    "token_sha256" CHAR(64) NOT NULL,
    "claims" JSONB NOT NULL,
    "prediction" JSONB NOT NULL,
    "identity" VARCHAR(2048),
    "expires_at" TIMESTAMPTZ(3),
    "grants" JSONB,
    "fingerprint" VARCHAR(16),
    "cloud_code" VARCHAR(128),
    "error" JSONB,
    "steps" JSONB,
    "agreement" VARCHAR(16),
    "reasons" JSONB,
    "duration_ms" INTEGER,
    "actor_id" UUID,
    "actor_label" VARCHAR(256) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "exchange_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "exchange_attempt_binding_id_started_at_idx" ON "exchange_attempt"("binding_id", "started_at");


-- At most one exchange in flight per binding, across every process.
CREATE UNIQUE INDEX "exchange_attempt_one_running" ON "exchange_attempt"("binding_id") WHERE "status" = 'running';
