import "server-only";
import { assertNameFree } from "@/lib/catalog/assert-name-free";
import type { Tx } from "@/lib/db/client";

export function assertConnectionNameFree(tx: Tx, name: string | undefined, exceptId?: string) {
  return assertNameFree(
    (candidate) =>
      tx.cloudConnection.findUnique({ where: { name: candidate }, select: { id: true } }),
    name,
    exceptId,
  );
}
