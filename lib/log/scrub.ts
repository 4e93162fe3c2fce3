// Last-chance scrubbing of free text (SECURITY.md 3.10): error messages and
// SDK errors can embed tokens even when structured fields are redacted.
const patterns: ReadonlyArray<readonly [RegExp, string]> = [
  [/eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, "[jwt]"],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, "[aws-key-id]"],
  [/\bBearer\s+\S+/gi, "Bearer [redacted]"],
  [/\bfl_[A-Za-z0-9_-]{20,}/g, "[fedlens-token]"],
  [
    /((?:subject_token|client_assertion|WebIdentityToken|assertion|access_token|password)=)[^&\s]+/gi,
    "$1[redacted]",
  ],
  // next-auth's session and CSRF cookies, as a Cookie header echoed in an error.
  [/((?:session-token|csrf-token)=)[^;&\s]+/gi, "$1[redacted]"],
];

export function scrubText(text: string): string {
  return patterns.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

const sensitiveKey = /token|assertion|authorization|secret|password|cookie|private_?key/i;
const maxDepth = 8;

/** Deep copy of a log payload with sensitive keys removed and strings scrubbed. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= maxDepth) return "[depth]";
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      sensitiveKey.test(key) ? "[redacted]" : scrubValue(item, depth + 1),
    ]),
  );
}
