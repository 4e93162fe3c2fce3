/** One apply job per plan at a time (pg-boss singleton key). */
export const applySingletonKey = (planId: string) => `sync-apply:${planId}`;
