import type { ConnectionFormValues } from "@/components/connections/connection-form";
import type { TConnection } from "@/lib/schemas/connection";

/** A stored connection as its edit form's fields (lists one entry per line). */
export function connectionFormValues(connection: TConnection): ConnectionFormValues {
  const fields: Record<string, string> = {
    name: connection.name,
    caBundle: connection.caBundle ?? "",
  };
  for (const [key, value] of Object.entries(connection.scope)) {
    fields[`scope.${key}`] = Array.isArray(value) ? value.join("\n") : String(value ?? "");
  }
  for (const [key, value] of Object.entries(connection.endpoints))
    fields[`endpoints.${key}`] = value;
  const auth = connection.auth;
  const isSecret = auth.kind === "secret";
  return {
    id: connection.id,
    version: connection.version,
    cloud: connection.cloud,
    authKind: connection.auth.kind,
    isSecretStored: isSecret,
    // An Azure client id or AWS access key id is pre-filled; a service account is named in the key.
    identity:
      auth.kind === "secret" && connection.cloud !== "gcp"
        ? (auth.identity ?? undefined)
        : undefined,
    fields,
  };
}
