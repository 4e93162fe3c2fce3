import { z } from "zod";

// What a plan covers: everything, one connection, one target, or some bindings.

const id = z.string().trim().uuid({ message: "must be an id" });

export const ZPlanScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }).strict(),
  z.object({ kind: z.literal("connection"), id }).strict(),
  z.object({ kind: z.literal("target"), id }).strict(),
  z.object({ kind: z.literal("bindings"), ids: z.array(id).min(1).max(500) }).strict(),
]);
export type TPlanScope = z.infer<typeof ZPlanScope>;

export const ZPlanRequest = z.object({ scope: ZPlanScope }).strict();

/** A page of a plan's operations; the cursor is an operation's position. */
export const ZPlanOperationsQuery = z
  .object({
    cursor: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type TPlanOperationsQuery = z.infer<typeof ZPlanOperationsQuery>;
