// Query keys of sync plans: the plan page itself is rendered on the server,
// so a new plan only has to invalidate what a client may have cached; an
// apply polls its plan's status under `plan(id)`.
export const syncKeys = {
  all: ["sync"] as const,
  plan: (id: string) => ["sync", "plan", id] as const,
};
