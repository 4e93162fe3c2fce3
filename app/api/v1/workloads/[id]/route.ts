import { deleteWorkload } from "@/lib/catalog/workloads/delete-workload";
import { getWorkload } from "@/lib/catalog/workloads/get-workload";
import { updateWorkload } from "@/lib/catalog/workloads/update-workload";
import { itemRoutes } from "@/lib/http/catalog-routes";
import { ZWorkloadUpdateInput } from "@/lib/schemas/workload";

export const { GET, PATCH, DELETE } = itemRoutes({
  updateBody: ZWorkloadUpdateInput,
  get: getWorkload,
  update: updateWorkload,
  remove: deleteWorkload,
});
