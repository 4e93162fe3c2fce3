import { CloudCallError } from "@/lib/clouds/adapter-types";
import { scrubText } from "@/lib/log/scrub";

/** A job failure as logs and the job table keep it: a name, a code, a scrubbed message. */
export function describeJobError(error: unknown): { name: string; code?: string; message: string } {
  if (error instanceof CloudCallError) {
    return {
      name: error.name,
      code: error.cloudError.code,
      message: scrubText(error.message),
    };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      ...(typeof code === "string" ? { code } : {}),
      message: scrubText(error.message),
    };
  }
  return { name: "Error", message: scrubText(String(error)) };
}
