import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditedUpdate, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import { assertConnectionNameFree } from "@/lib/connections/assert-connection-name-free";
import { connectionSelect, toConnectionDto } from "@/lib/connections/connection-dto";
import {
  parseStoredSecret,
  sealedColumns,
  sealedField,
  secretIdentity,
} from "@/lib/connections/connection-secret";
import { findConnectionRow } from "@/lib/connections/load-connection-row";
import { prepareConnectionSettings } from "@/lib/connections/prepare-connection";
import { hasSecretValue, resolveSecretInput } from "@/lib/connections/resolve-secret-input";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { Cloud } from "@/lib/clouds/types";
import type {
  TConnection,
  TConnectionSecretInput,
  TConnectionUpdateInput,
} from "@/lib/schemas/connection";

type Current = NonNullable<Awaited<ReturnType<typeof findConnectionRow>>>;

/** Whether the posted client id or access key id differs from the stored one. */
function changesIdentity(cloud: Cloud, fields: TConnectionSecretInput, stored: unknown): boolean {
  const posted = (cloud === "azure" ? fields.clientId : fields.accessKeyId)?.trim();
  if (!posted) return false;
  return (
    posted.toLowerCase() !== secretIdentity(cloud, parseStoredSecret(cloud, stored)).toLowerCase()
  );
}

/** The auth columns after an edit: ambient drops the secret; secret fields absent keep it. */
async function authColumns(current: Current, auth: TConnectionUpdateInput["auth"]) {
  if (!auth) return { columns: {}, replaced: false };
  if (auth.kind === "ambient") {
    return {
      columns: {
        authKind: "ambient" as const,
        secret: Prisma.DbNull,
        secretKeyId: null,
        secretUpdatedAt: null,
      },
      replaced: false,
    };
  }
  const { kind, ...fields } = auth;
  const stored = current.authKind === "secret" ? current.secret : null;
  if (!hasSecretValue(current.cloud, fields)) {
    // Switching to a stored secret needs one: this throws naming the missing fields.
    if (!stored) resolveSecretInput(current.cloud, fields, { stored, prefix: "auth." });
    if (!changesIdentity(current.cloud, fields, stored)) {
      return { columns: { authKind: kind }, replaced: false };
    }
    throw new AppError("validation_failed", {
      message: "Give the secret too when changing who the connection signs in as.",
      invalidParams: [
        {
          name: `auth.${sealedField[current.cloud]}`,
          reason: "is required with a new identity",
        },
      ],
    });
  }
  const secret = resolveSecretInput(current.cloud, fields, { stored, prefix: "auth." });
  return {
    columns: { authKind: kind, ...(await sealedColumns(current.id, current.cloud, secret)) },
    replaced: true,
  };
}

/** Admin only: name, scope, endpoints, CA bundle and authentication; the cloud never changes. */
export async function updateConnection({
  input,
  ...caller
}: VersionedCaller & { input: TConnectionUpdateInput }): Promise<TConnection> {
  const { id } = caller;
  return auditedUpdate(
    caller,
    {
      action: "connection.update",
      role: "admin",
      load: (tx) => findConnectionRow(tx, id),
      toDto: toConnectionDto,
    },
    async (tx: Tx, current) => {
      const settings = prepareConnectionSettings(current.cloud, {
        scope: input.scope ?? current.scope,
        endpoints: input.endpoints ?? current.endpoints,
        caBundle: input.caBundle === undefined ? current.caBundle : input.caBundle,
      });
      await assertConnectionNameFree(tx, input.name, id);
      const auth = await authColumns(current, input.auth);
      const row = await tx.cloudConnection.update({
        where: { id },
        data: { name: input.name, ...settings, ...auth.columns, version: { increment: 1 } },
        select: connectionSelect,
      });
      if (auth.replaced) {
        await appendAuditEvent(tx, {
          actor: caller.actor,
          requestId: caller.requestId,
          action: "connection.secret.replace",
          entityType: "connection",
          entityId: id,
          after: { replacedAt: row.secretUpdatedAt },
        });
      }
      return row;
    },
  );
}
