// Entry of the process trust-map.bench.ts starts: measures, hands the
// report back over the IPC channel, and exits once it is sent.
import { measureTrustMap } from "./trust-map-measure";

const report = await measureTrustMap();
process.send?.(report, () => process.exit(0));
