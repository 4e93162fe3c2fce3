import "server-only";
import type { AdapterConnection, ConnectionAuthentication } from "@/lib/clouds/adapter-types";
import { openConnectionSecret, parseStoredSecret } from "@/lib/connections/connection-secret";
import { findConnectionRow } from "@/lib/connections/load-connection-row";
import { prepareConnectionSettings } from "@/lib/connections/prepare-connection";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";

/**
 * The connection as an adapter takes it: scope, endpoints and CA bundle
 * validated again (the stored JSON is not trusted to be what was saved, nor
 * the allow-list to be what it was), the stored secret opened in memory
 * (SecretValue). Throws AppError not_found, or validation_failed when the
 * stored settings no longer pass.
 */
export async function openConnection(db: DbOrTx, connectionId: string): Promise<AdapterConnection> {
  const row = await findConnectionRow(db, connectionId);
  if (!row) throw new AppError("not_found", { message: "No connection with this id." });
  const settings = prepareConnectionSettings(row.cloud, row);
  let auth: ConnectionAuthentication = { kind: "ambient" };
  if (row.authKind === "secret") {
    if (row.secret === null) {
      throw new AppError("conflict", {
        message: `Connection "${row.name}" has no stored secret; store one or switch it to ambient authentication.`,
      });
    }
    const keyring = await loadSecretKeyring();
    const stored = parseStoredSecret(row.cloud, row.secret);
    auth = { kind: "secret", secret: openConnectionSecret(keyring, row, stored) };
  }
  const base = {
    id: row.id,
    name: row.name,
    sandbox: row.sandbox,
    auth,
    endpoints: settings.endpoints,
    caBundle: settings.caBundle,
  };
  // The scope was parsed with the row's own cloud's schema just above.
  return { ...base, cloud: row.cloud, scope: settings.scope } as AdapterConnection;
}
