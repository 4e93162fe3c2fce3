import type { CloudError } from "@/lib/clouds/adapter-types";
import { scrubText } from "@/lib/log/scrub";

/** Why a check could not even start: the connection's settings or secret would not open. */
export function unusableConnection(error: unknown): CloudError {
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: "other",
    code: "ConnectionUnusable",
    message: scrubText(message),
    cause:
      "Fedlens could not open this target's cloud connection (its settings or its stored secret).",
    fix: "Open the connection under Settings, test it, and save it again with a fresh secret if needed.",
  };
}
