import "server-only";
import { cloudLabels } from "@/lib/clouds/registry";
import type { Cloud } from "@/lib/clouds/types";
import { isSandboxRunning } from "@/lib/sandbox/mint-sample-token";
import { sandboxIssuerUrl } from "@/lib/sandbox/sandbox-issuer";

type Workload = { issuer: { issuerUrl: string } };
type Binding = { id: string; name: string; cloud: Cloud; target: { name: string } };

/**
 * What the workload page offers under "Sample token": the workload's
 * bindings, labelled, when the workload is the Sandbox issuer's and the
 * sandbox runs now; otherwise nothing (the card is not shown at all).
 */
export async function sampleTokenOffer(
  workload: Workload,
  bindings: Binding[],
): Promise<{ id: string; label: string }[] | null> {
  if (workload.issuer.issuerUrl !== sandboxIssuerUrl) return null;
  if (!(await isSandboxRunning())) return null;
  return bindings.map((binding) => ({
    id: binding.id,
    label: `${binding.name} (${cloudLabels[binding.cloud]}, ${binding.target.name})`,
  }));
}
