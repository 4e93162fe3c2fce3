import "server-only";
import { randomUUID } from "node:crypto";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { assertConnectionNameFree } from "@/lib/connections/assert-connection-name-free";
import { connectionSelect, toConnectionDto } from "@/lib/connections/connection-dto";
import { sealedColumns } from "@/lib/connections/connection-secret";
import { prepareConnectionSettings } from "@/lib/connections/prepare-connection";
import { assertSecretEndpointsAllowed } from "@/lib/connections/resolve-secret-input";
import type { TSecretInput } from "@/lib/schemas/connection-auth";
import type { TConnection, TConnectionCreateInput } from "@/lib/schemas/connection";

/** Admin only: a new connection; a stored secret is sealed before anything is written. */
export async function createConnection({
  input,
  ...caller
}: MutationCaller & { input: TConnectionCreateInput }): Promise<TConnection> {
  return auditedMutation(caller, { action: "connection.create", role: "admin" }, async (tx) => {
    const id = randomUUID();
    const settings = prepareConnectionSettings(input.cloud, input);
    await assertConnectionNameFree(tx, input.name);
    const { kind, ...fields } = input.auth;
    let secret = null;
    if (kind === "secret") {
      assertSecretEndpointsAllowed(input.cloud, fields as TSecretInput, "auth.");
      secret = await sealedColumns(id, input.cloud, fields as TSecretInput);
    }
    const row = await tx.cloudConnection.create({
      data: {
        id,
        name: input.name,
        cloud: input.cloud,
        authKind: kind,
        ...settings,
        ...(secret ?? {}),
      },
      select: connectionSelect,
    });
    const connection = toConnectionDto(row);
    return { entityId: id, after: connection, result: connection };
  });
}
