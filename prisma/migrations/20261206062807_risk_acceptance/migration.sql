-- CreateTable
CREATE TABLE "risk_acceptance" (
    "id" UUID NOT NULL,
    "finding_id" CHAR(32) NOT NULL,
    "rule" VARCHAR(64) NOT NULL,
    "entity_type" VARCHAR(16) NOT NULL,
    "entity_id" UUID NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_by_id" VARCHAR(64),
    "accepted_by" VARCHAR(320) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "risk_acceptance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "risk_acceptance_finding_id_key" ON "risk_acceptance"("finding_id");

-- CreateIndex
CREATE INDEX "risk_acceptance_entity_type_entity_id_idx" ON "risk_acceptance"("entity_type", "entity_id");

