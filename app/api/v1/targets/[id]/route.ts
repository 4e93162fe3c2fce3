import { deleteTarget } from "@/lib/catalog/targets/delete-target";
import { getTarget } from "@/lib/catalog/targets/get-target";
import { updateTarget } from "@/lib/catalog/targets/update-target";
import { itemRoutes } from "@/lib/http/catalog-routes";
import { ZTargetUpdateInput } from "@/lib/schemas/target";

export const { GET, PATCH, DELETE } = itemRoutes({
  updateBody: ZTargetUpdateInput,
  get: getTarget,
  update: updateTarget,
  remove: deleteTarget,
});
