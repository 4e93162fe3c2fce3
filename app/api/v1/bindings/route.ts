import { createBinding } from "@/lib/catalog/bindings/create-binding";
import { listBindings } from "@/lib/catalog/bindings/list-bindings";
import { collectionRoutes } from "@/lib/http/catalog-routes";
import { ZBindingCreateInput, ZBindingListQuery } from "@/lib/schemas/binding";

export const { GET, POST } = collectionRoutes({
  path: "bindings",
  listQuery: ZBindingListQuery,
  createBody: ZBindingCreateInput,
  list: listBindings,
  create: createBinding,
});
