import { createWorkload } from "@/lib/catalog/workloads/create-workload";
import { listWorkloads } from "@/lib/catalog/workloads/list-workloads";
import { collectionRoutes } from "@/lib/http/catalog-routes";
import { ZWorkloadCreateInput, ZWorkloadListQuery } from "@/lib/schemas/workload";

export const { GET, POST } = collectionRoutes({
  path: "workloads",
  listQuery: ZWorkloadListQuery,
  createBody: ZWorkloadCreateInput,
  list: listWorkloads,
  create: createWorkload,
});
