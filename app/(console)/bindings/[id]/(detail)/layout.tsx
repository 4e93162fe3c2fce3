// Answers an unknown id with 404 before the loading screen streams.
import { findBinding } from "@/lib/catalog/bindings/get-binding";
import { entryGate } from "../../../entry-gate";

export default entryGate(findBinding);
