import "server-only";
// The sandbox serves the demo from the same emulators the tests run against,
// imported from test/emulators on purpose: they run only under the CLI
// (`fedlens serve`, through tsx), never inside the Next.js build, and one
// copy of each emulated cloud behaviour is the point. Moving them to a lib/
// home is proposed to the maintainers rather than done here.
import { startIamEmulator, type IamEmulator } from "@/test/emulators/aws/iam-server";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";

export type SandboxEmulators = { azure: AzureEmulator; aws: IamEmulator };

/** Starts every emulator on loopback (random ports, a CA made now); stops those started if one fails. */
export async function startSandboxEmulators(): Promise<SandboxEmulators> {
  const azure = await startAzureEmulator();
  try {
    const aws = await startIamEmulator();
    return { azure, aws };
  } catch (error) {
    await azure.close();
    throw error;
  }
}

export async function stopSandboxEmulators(emulators: SandboxEmulators): Promise<void> {
  await Promise.all([emulators.azure.close(), emulators.aws.close()]);
}
