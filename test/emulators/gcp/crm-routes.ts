import { fail } from "./google-errors";
import { ok, type Router } from "./route";

// Resource Manager v3 projects.get: by project ID or number. An unknown
// project answers 403, not 404, so a caller cannot probe which projects exist.
// https://cloud.google.com/resource-manager/reference/rest/v3/projects/get
const PROJECT = /^\/v3\/projects\/([^/]+)$/;
const SERVICE = "cloudresourcemanager.googleapis.com";

export const routeResourceManager: Router = (method, path, ctx) => {
  const match = PROJECT.exec(path);
  if (!match || method !== "GET") return undefined;
  const key = match[1] ?? "";
  const permission = "resourcemanager.projects.get";
  const resource = `//${SERVICE}/projects/${key}`;
  return {
    permission,
    resource,
    service: SERVICE,
    run: async () => {
      const project = ctx.state.project(key);
      if (!project) {
        fail(
          403,
          "PERMISSION_DENIED",
          `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`,
        );
      }
      return ok({
        name: `projects/${project.projectNumber}`,
        parent: "organizations/1",
        projectId: project.projectId,
        state: "ACTIVE",
        displayName: project.displayName,
        etag: `W/"${project.projectNumber}"`,
      });
    },
  };
};
