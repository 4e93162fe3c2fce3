import { deleteIssuer } from "@/lib/catalog/issuers/delete-issuer";
import { getIssuer } from "@/lib/catalog/issuers/get-issuer";
import { updateIssuer } from "@/lib/catalog/issuers/update-issuer";
import { itemRoutes } from "@/lib/http/catalog-routes";
import { ZIssuerUpdateInput } from "@/lib/schemas/issuer";

export const { GET, PATCH, DELETE } = itemRoutes({
  updateBody: ZIssuerUpdateInput,
  get: getIssuer,
  update: updateIssuer,
  remove: deleteIssuer,
});
