import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { listIssuers } from "@/lib/catalog/issuers/list-issuers";
import { collectionRoutes } from "@/lib/http/catalog-routes";
import { ZIssuerCreateInput, ZIssuerListQuery } from "@/lib/schemas/issuer";

export const { GET, POST } = collectionRoutes({
  path: "issuers",
  listQuery: ZIssuerListQuery,
  createBody: ZIssuerCreateInput,
  list: listIssuers,
  create: createIssuer,
});
