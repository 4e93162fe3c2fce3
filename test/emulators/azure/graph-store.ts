import type { FicProperties } from "./fic-rules";

export type GraphFic = {
  id: string;
  name: string;
  description: string | null;
  properties: FicProperties;
};
export type GraphApplication = {
  id: string;
  appId: string;
  displayName: string;
  fics: Map<string, GraphFic>;
};

// Applications by object id; their FICs by id (Graph also addresses a FIC by its name).
// https://learn.microsoft.com/en-us/graph/api/federatedidentitycredential-get
export class GraphStore {
  private applications = new Map<string, GraphApplication>();

  addApplication(
    objectId: string = crypto.randomUUID(),
    options: { appId?: string; displayName?: string } = {},
  ): string {
    this.applications.set(objectId.toLowerCase(), {
      id: objectId,
      appId: options.appId ?? crypto.randomUUID(),
      displayName: options.displayName ?? `app-${objectId.slice(0, 8)}`,
      fics: new Map(),
    });
    return objectId;
  }

  /** Deletes an application and its FICs, as a change made outside the API under test. */
  removeApplication(objectId: string) {
    this.applications.delete(objectId.toLowerCase());
  }

  application(objectId: string): GraphApplication | undefined {
    return this.applications.get(objectId.toLowerCase());
  }

  /** Every application, in creation order (Entra finds one by its appId). */
  all = (): GraphApplication[] => [...this.applications.values()];

  /** Finds a FIC by id or by name, as Graph's alternate key allows. */
  find(app: GraphApplication, idOrName: string): GraphFic | undefined {
    const wanted = idOrName.toLowerCase();
    return [...app.fics.values()].find((f) => f.id === wanted || f.name.toLowerCase() === wanted);
  }

  /** Puts a FIC straight into the state, as a change made outside the API under test. */
  seedFic(objectId: string, fic: Omit<GraphFic, "id" | "description">): GraphFic {
    const app = this.application(objectId);
    if (!app) throw new Error(`no application ${objectId}`);
    const stored = { ...fic, id: crypto.randomUUID(), description: null };
    app.fics.set(stored.id, stored);
    return stored;
  }
}
