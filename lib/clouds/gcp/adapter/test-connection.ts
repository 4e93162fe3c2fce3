import "server-only";
import type {
  AdapterOptions,
  ConnectionOf,
  ConnectionTestResult,
} from "@/lib/clouds/adapter-types";
import { gcpClients } from "@/lib/clouds/gcp/adapter/clients";
import { explainGcpError } from "@/lib/clouds/gcp/adapter/explain";
import { gcpCall } from "@/lib/clouds/gcp/adapter/read-iam";

// "Test connection": get the project from Resource Manager v3 (needs only
// resourcemanager.projects.get) and check its number is the connection's.
// https://cloud.google.com/resource-manager/reference/rest/v3/projects/get

export async function testGcpConnection(
  connection: ConnectionOf<"gcp">,
  options: AdapterOptions = {},
): Promise<ConnectionTestResult> {
  const { projectId, projectNumber } = connection.scope;
  try {
    const clients = gcpClients(connection);
    const project = await gcpCall(
      () =>
        clients.resourceManager.projects.get(
          { name: `projects/${projectId}` },
          { signal: options.signal },
        ),
      options.signal,
    );
    const number = (project.name ?? "").replace(/^projects\//, "");
    if (number !== projectNumber) {
      return {
        ok: false,
        error: {
          kind: "invalid",
          code: "ProjectNumberMismatch",
          message: `Project ${projectId} has the number ${number}, not ${projectNumber}.`,
          cause: "The connection's project number is not the number of its project ID.",
          fix: `Set the project number to ${number}, or correct the project ID.`,
          object: `projects/${projectId}`,
        },
      };
    }
    const principal = await clients.principal().catch(() => null);
    return {
      ok: true,
      principal: principal ?? "Application Default Credentials (account not named by them)",
      details: [
        `Project ${project.projectId ?? projectId} (number ${number}) is ${project.state ?? "in an unknown state"}.`,
      ],
    };
  } catch (error) {
    return { ok: false, error: explainGcpError(error) };
  }
}
