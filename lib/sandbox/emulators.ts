import "server-only";
// The sandbox serves the demo from the same emulators the tests run against,
// imported from test/emulators on purpose: they run only under the CLI
// (`fedlens serve`, through tsx), never inside the Next.js build, and one
// copy of each emulated cloud behaviour is the point. Moving them to a lib/
// home is proposed to the maintainers rather than done here.
import { startIamEmulator, type IamEmulator } from "@/test/emulators/aws/iam-server";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";

export type SandboxEmulators = { azure: AzureEmulator; aws: IamEmulator; gcp: GcpEmulator };

export type SandboxEmulatorOptions = {
  /**
   * How the emulated token endpoints read an issuer's discovery document and
   * keys: the Sandbox issuer's https name, which resolves nowhere, is mapped
   * to its loopback server (AWS accepts no other kind of issuer name).
   */
  fetchJson?: (url: string) => Promise<unknown>;
};

/** Starts every emulator on loopback (random ports, a CA made now each); all or none. */
export async function startSandboxEmulators(
  options: SandboxEmulatorOptions = {},
): Promise<SandboxEmulators> {
  const { fetchJson } = options;
  const started = await Promise.allSettled([
    startAzureEmulator({ fetchJson }),
    startIamEmulator({ webIdentity: { fetchJson } }),
    startGcpEmulator({ fetchJson }),
  ] as const);
  const [azure, aws, gcp] = started;
  if (azure.status === "fulfilled" && aws.status === "fulfilled" && gcp.status === "fulfilled") {
    return { azure: azure.value, aws: aws.value, gcp: gcp.value };
  }
  await Promise.all(
    started.map((result) => (result.status === "fulfilled" ? result.value.close() : undefined)),
  );
  const failure = started.find((result) => result.status === "rejected");
  throw failure?.reason;
}

export async function stopSandboxEmulators(emulators: SandboxEmulators): Promise<void> {
  await Promise.all([emulators.azure.close(), emulators.aws.close(), emulators.gcp.close()]);
}

/** The host:port of every emulator, for the cloud-endpoint allow-list. */
export function emulatorHosts(emulators: SandboxEmulators): string[] {
  return [emulators.azure.endpoint, emulators.aws.url, emulators.gcp.rootUrl].map(
    (url) => new URL(url).host,
  );
}
