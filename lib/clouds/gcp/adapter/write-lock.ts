import { createKeyedMutex } from "@/lib/clouds/keyed-mutex";

// Writes to one service account's IAM policy run one at a time in this
// process: two Fedlens changes on one account would otherwise read the same
// etag and one would lose its write to a 409 and a re-read (SECURITY.md 4.4:
// one writer per parent resource). Different accounts run in parallel.

/** Runs `task` after every earlier task of `key` has settled. */
export const serialisePerKey = createKeyedMutex();
