import "server-only";
import { processEnvironment, resetEnvCache } from "@/lib/env";
import { emulatorHosts, type SandboxEmulators } from "@/lib/sandbox/emulators";

/**
 * Connections may only reach hosts FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS lists
 * besides public https ones, and the Sandbox connections point at loopback.
 * The emulators' exact host:port entries (never all of loopback) join the
 * list for this process and for the console `serve` forks, which inherits
 * this environment; the list is not widened on disk or for anyone else, and
 * a Sandbox connection left over from an earlier start is refused again.
 */
export function allowEmulatorEndpoints(emulators: SandboxEmulators): void {
  const env = processEnvironment();
  const entries = [env.FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS, ...emulatorHosts(emulators)];
  env.FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS = entries.filter(Boolean).join(",");
  resetEnvCache();
}
