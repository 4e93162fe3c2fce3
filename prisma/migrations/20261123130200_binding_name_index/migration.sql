-- CreateIndex
CREATE INDEX "binding_name_id_idx" ON "binding"("name", "id");

