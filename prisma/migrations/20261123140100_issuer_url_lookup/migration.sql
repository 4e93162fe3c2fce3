-- Diagnosis finds the token's issuer and its look-alikes (same host, any
-- case, trailing slash, other paths or ports) with prefix matches on the
-- lower-cased URL; these expression indexes serve them at any catalogue size.
-- Prisma's schema language cannot declare expression indexes, so they live
-- here (the migrations test lists them).
CREATE INDEX "binding_issuer_url_lower_idx" ON "binding" (lower("issuer_url") text_pattern_ops);
CREATE INDEX "issuer_issuer_url_lower_idx" ON "issuer" (lower("issuer_url") text_pattern_ops);
