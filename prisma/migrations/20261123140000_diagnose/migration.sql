-- CreateTable
CREATE TABLE "issuer_key_set" (
    "issuer_id" UUID NOT NULL,
    "jwks_uri" VARCHAR(2048),
    "keys" JSONB,
    "fetched_at" TIMESTAMPTZ(3),
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "http_status" INTEGER,
    "latency_ms" INTEGER,
    "last_error" VARCHAR(1000),

    CONSTRAINT "issuer_key_set_pkey" PRIMARY KEY ("issuer_id")
);

-- CreateTable
CREATE TABLE "diagnosed_token" (
    "id" UUID NOT NULL,
    "user_id" UUID,
    "token_sha256" CHAR(64) NOT NULL,
    "iss" VARCHAR(600),
    "sub" VARCHAR(1024),
    "aud" JSONB,
    "exp" BIGINT,
    "iat" BIGINT,
    "jti" VARCHAR(256),
    "kid" VARCHAR(256),
    "alg" VARCHAR(32),
    "signature" VARCHAR(16) NOT NULL,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "diagnosed_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "diagnosed_token_user_id_created_at_idx" ON "diagnosed_token"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "diagnosed_token_token_sha256_idx" ON "diagnosed_token"("token_sha256");

-- AddForeignKey
ALTER TABLE "issuer_key_set" ADD CONSTRAINT "issuer_key_set_issuer_id_fkey" FOREIGN KEY ("issuer_id") REFERENCES "issuer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

