/** A claim's place in a token: its name, or the names down a nested object (kubernetes.io). */
export type ClaimPath = readonly string[];
