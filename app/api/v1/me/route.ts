import { defineRoute } from "@/lib/http/route";

export const GET = defineRoute({
  role: "viewer",
  handler: async ({ actor, json }) =>
    json({ type: actor.type, id: actor.id, label: actor.label, role: actor.role }),
});
