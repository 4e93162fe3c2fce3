import "server-only";
import type { AdapterConnection, ConnectionOf } from "@/lib/clouds/adapter-types";
import { gcpClients, type GcpClients } from "@/lib/clouds/gcp/adapter/clients";

// One set of clients (and so one access token) per opened connection, not
// one per change: an apply of many bindings signs in once.
const clientsByConnection = new WeakMap<AdapterConnection, GcpClients>();

export function writeClients(connection: AdapterConnection): GcpClients {
  if (connection.cloud !== "gcp") {
    throw new Error(`A ${connection.cloud} connection was given to the GCP writer.`);
  }
  const known = clientsByConnection.get(connection);
  if (known) return known;
  const clients = gcpClients(connection as ConnectionOf<"gcp">);
  clientsByConnection.set(connection, clients);
  return clients;
}
