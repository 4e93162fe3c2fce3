import "server-only";
import { cloudWriter } from "@/lib/clouds/writers";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { Cloud } from "@/lib/clouds/types";
import type { PlanTools } from "@/lib/sync/plan/plan-types";

/** The catalogue's own findings and the writer's description, for one cloud. */
export function planTools(cloud: Cloud): PlanTools {
  const catalog = cloudCatalog(cloud);
  const writer = cloudWriter(cloud);
  return {
    bindingFindings: (context) => catalog.bindingFindings(context),
    describeChange: (ref, change) => writer.describeChange(ref, change),
    createsMissingTarget: (ref) => writer.createsMissingTarget?.(ref) ?? false,
  };
}
