import { deleteBinding } from "@/lib/catalog/bindings/delete-binding";
import { getBinding } from "@/lib/catalog/bindings/get-binding";
import { updateBinding } from "@/lib/catalog/bindings/update-binding";
import { itemRoutes } from "@/lib/http/catalog-routes";
import { ZBindingUpdateInput } from "@/lib/schemas/binding";

export const { GET, PATCH, DELETE } = itemRoutes({
  updateBody: ZBindingUpdateInput,
  get: getBinding,
  update: updateBinding,
  remove: deleteBinding,
});
