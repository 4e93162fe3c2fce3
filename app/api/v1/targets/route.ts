import { createTarget } from "@/lib/catalog/targets/create-target";
import { listTargets } from "@/lib/catalog/targets/list-targets";
import { collectionRoutes } from "@/lib/http/catalog-routes";
import { ZTargetCreateInput, ZTargetListQuery } from "@/lib/schemas/target";

export const { GET, POST } = collectionRoutes({
  path: "targets",
  listQuery: ZTargetListQuery,
  createBody: ZTargetCreateInput,
  list: listTargets,
  create: createTarget,
});
