import { createKeyedMutex } from "@/lib/clouds/keyed-mutex";

// One lock per process for AWS writes, keyed by role ARN (a trust policy's
// read-modify-write) or OIDC provider ARN (its create and client ids);
// lib/clouds/keyed-mutex.ts says why.
export const withKeyLock = createKeyedMutex();
