// Answers an unknown id with 404 before the loading screen streams.
import { findTarget } from "@/lib/catalog/targets/get-target";
import { entryGate } from "../../../entry-gate";

export default entryGate(findTarget);
