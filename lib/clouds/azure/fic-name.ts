import { armNameSchema } from "@/lib/clouds/azure/arm-name";

// CLOUDS.md 1.1 (ARM spec, stable 2026-05-31): the path parameter
// federatedIdentityCredentialResourceName must match
// ^[a-zA-Z0-9]{1}[a-zA-Z0-9-_]{2,119}$. CLOUDS.md 1.5: 3–120 characters,
// letters, digits, '-' and '_', first character alphanumeric; immutable.
export const ficNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;

export const ZFicName = armNameSchema({ min: 3, max: 120, cloud: "Entra" });
