// Answers an unknown id with 404 before the loading screen streams.
import { findIssuer } from "@/lib/catalog/issuers/get-issuer";
import { entryGate } from "../../../entry-gate";

export default entryGate(findIssuer);
