import { z } from "zod";
import { AppError } from "@/lib/errors";
import { invalidParamsFrom } from "@/lib/http/invalid-params";

// Prisma's known request errors are recognised by code rather than class:
// the generated client and the runtime can be two copies of the class.
type PrismaKnown = { code: string; meta?: Record<string, unknown> };

function isPrismaKnown(error: unknown): error is PrismaKnown {
  return (
    error instanceof Error &&
    error.name === "PrismaClientKnownRequestError" &&
    typeof (error as { code?: unknown }).code === "string"
  );
}

// Errors Prisma does not map come through as DriverAdapterError carrying the
// Postgres SQLSTATE; a CHECK violation is bad input that slipped past zod.
function postgresCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== "DriverAdapterError") return undefined;
  const cause = (error as { cause?: { kind?: unknown; code?: unknown } }).cause;
  return cause?.kind === "postgres" && typeof cause.code === "string" ? cause.code : undefined;
}

/** The AppError an error stands for, or null when it is a bug (a 500). */
export function normaliseError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    return new AppError("validation_failed", {
      message: "Some fields are invalid.",
      invalidParams: invalidParamsFrom(error),
    });
  }
  if (isPrismaKnown(error)) {
    switch (error.code) {
      case "P2000":
        return new AppError("validation_failed", { message: "A value is too long to store." });
      case "P2002":
        return new AppError("conflict", {
          message: "A record with the same unique value already exists.",
        });
      case "P2003":
        return new AppError("conflict", { message: "Other records still refer to this one." });
      case "P2025":
        return new AppError("not_found");
      case "P2034":
        return new AppError("conflict", { message: "A concurrent change got there first; retry." });
    }
  }
  if (postgresCode(error) === "22021") {
    return new AppError("validation_failed", { message: "Text must not contain NUL characters." });
  }
  if (postgresCode(error) === "23514") {
    return new AppError("validation_failed", {
      message: "A value is not allowed by the catalogue's rules.",
    });
  }
  return null;
}
