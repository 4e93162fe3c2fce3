// Answers an unknown id with 404 before the loading screen streams.
import { findConnection } from "@/lib/connections/get-connection";
import { entryGate } from "../../../entry-gate";

export default entryGate(findConnection);
