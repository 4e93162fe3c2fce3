import "server-only";
import { AppError } from "@/lib/errors";

/**
 * A 409 naming the field when another row already uses a unique name, so
 * forms can put it under the control; the unique index still decides races.
 */
export async function assertNameFree(
  find: (name: string) => Promise<{ id: string } | null>,
  name: string | undefined,
  exceptId?: string,
): Promise<void> {
  if (!name) return;
  const clash = await find(name);
  if (clash && clash.id !== exceptId) {
    throw new AppError("conflict", {
      message: "The name is already taken.",
      invalidParams: [{ name: "name", reason: "already in use" }],
    });
  }
}

/** A 409 for deleting a row that others still refer to. */
export function stillReferenced(what: string, count: number, by: string): AppError {
  return new AppError("conflict", {
    message: `This ${what} still has ${count} ${by}${count === 1 ? "" : "s"}; delete or move ${count === 1 ? "it" : "them"} first.`,
  });
}
