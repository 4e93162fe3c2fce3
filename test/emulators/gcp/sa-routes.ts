import { deniedEverywhere, fail, readJsonObject } from "./google-errors";
import { pageOf } from "./paging";
import { checkNewPolicy, policyView, requestedVersion } from "./policy";
import { ok, type Route, type RouteContext, type Router } from "./route";
import { newEtag, type ServiceAccount } from "./state";

// Service accounts and their IAM policies.
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/list
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/get
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/getIamPolicy
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/setIamPolicy
const ACCOUNTS =
  /^\/v1\/projects\/([^/]+)\/serviceAccounts(?:\/([^/:]+)(?::(getIamPolicy|setIamPolicy))?)?$/;
const SERVICE = "iam.googleapis.com";

function account(ctx: RouteContext, project: string, key: string): ServiceAccount {
  const found = [...ctx.state.serviceAccounts.values()].find(
    (sa) =>
      (sa.email === key || sa.uniqueId === key) && (project === "-" || matches(ctx, project, sa)),
  );
  if (!found) fail(404, "NOT_FOUND", `Unknown service account`);
  return found;
}

function matches(ctx: RouteContext, project: string, sa: ServiceAccount) {
  return ctx.state.project(project)?.projectId === sa.projectId;
}

function list(ctx: RouteContext, project: string): Route["run"] {
  return async (_req, url) => {
    const all = [...ctx.state.serviceAccounts.values()].filter((sa) => matches(ctx, project, sa));
    const page = pageOf(all, url, { defaultSize: 20, maxSize: Math.min(100, ctx.maxPageSize) });
    return ok({ accounts: page.items, ...(page.nextPageToken ? page : {}) });
  };
}

function getPolicy(ctx: RouteContext, project: string, key: string): Route["run"] {
  return async (_req, url) => {
    const version = requestedVersion(url);
    const sa = account(ctx, project, key);
    return ok(policyView(ctx.state.policies.get(sa.email), version));
  };
}

function setPolicy(ctx: RouteContext, project: string, key: string): Route["run"] {
  return async (req) => {
    const sa = account(ctx, project, key);
    const body = await readJsonObject(req);
    const policy = (body.policy ?? {}) as Record<string, unknown>;
    const current = ctx.state.policies.get(sa.email);
    // A stale etag means someone wrote in between: 409 ABORTED, re-read and retry.
    // https://cloud.google.com/iam/docs/policies#etag
    if (typeof policy.etag === "string" && policy.etag !== (current?.etag ?? "ACAB")) {
      fail(
        409,
        "ABORTED",
        "There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.",
      );
    }
    const bindings = checkNewPolicy(policy);
    const version = bindings.some((b) => b.condition) ? 3 : 1;
    const stored = { version, bindings, etag: newEtag() };
    ctx.state.policies.set(sa.email, stored);
    return ok(policyView(stored, 3));
  };
}

export const routeServiceAccounts: Router = (method, path, ctx) => {
  const match = ACCOUNTS.exec(path);
  if (!match) return undefined;
  const [, project = "", key, verb] = match;
  const resource = `//${SERVICE}/projects/${project}/serviceAccounts${key ? `/${key}` : ""}`;
  const known = project === "-" || ctx.state.project(project) !== undefined;
  // An unknown (or hidden) project is refused with 403, whatever the method.
  const route = (permission: string, run: Route["run"]): Route =>
    known
      ? { permission: `iam.serviceAccounts.${permission}`, resource, service: SERVICE, run }
      : deniedEverywhere(`iam.serviceAccounts.${permission}`, `projects/${project}`);
  if (!key) return method === "GET" ? route("list", list(ctx, project)) : undefined;
  if (!verb) {
    return method === "GET" ? route("get", async () => ok(account(ctx, project, key))) : undefined;
  }
  if (method !== "POST") return undefined;
  return verb === "getIamPolicy"
    ? route("getIamPolicy", getPolicy(ctx, project, key))
    : route("setIamPolicy", setPolicy(ctx, project, key));
};
