// Query keys of sync plans: the plan page itself is rendered on the server,
// so a new plan only has to invalidate what a client may have cached.
export const syncKeys = {
  all: ["sync"] as const,
};
