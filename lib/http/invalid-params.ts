import type { z } from "zod";
import type { InvalidParam } from "@/lib/errors";

// Zod's messages name the expectation, never the rejected value, so they are
// safe to return even for a pasted secret.
export function invalidParamsFrom(error: z.ZodError): InvalidParam[] {
  return error.issues.map((issue) => {
    const name = issue.path.length > 0 ? issue.path.map(String).join(".") : "(body)";
    if (issue.code === "unrecognized_keys") {
      return {
        name: issue.keys.map((key) => [...issue.path, key].join(".")).join(", "),
        reason: "unknown field",
      };
    }
    return { name, reason: issue.message };
  });
}
