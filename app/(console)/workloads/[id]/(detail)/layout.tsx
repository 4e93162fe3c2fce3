// Answers an unknown id with 404 before the loading screen streams.
import { findWorkload } from "@/lib/catalog/workloads/get-workload";
import { entryGate } from "../../../entry-gate";

export default entryGate(findWorkload);
