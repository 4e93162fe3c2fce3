import { deniedEverywhere, fail, readJsonObject } from "./google-errors";
import { pageOf } from "./paging";
import { ok, type Route, type RouteContext, type Router } from "./route";
import { poolName, type Pool, type Provider } from "./state";
import { checkPoolFields, checkProviderFields, checkResourceId } from "./wif-rules";

// Workload identity pools and providers, and their long-running operations.
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.operations
const POOLS = /^\/v1\/projects\/([^/]+)\/locations\/global\/workloadIdentityPools(?:\/(.+))?$/;
const SERVICE = "iam.googleapis.com";
const DELETED_KEPT_MS = 30 * 24 * 3600 * 1000;

type Kind = {
  label: "pool" | "provider";
  permissions: string;
  idParam: string;
  typeUrl: string;
  updatable: string[];
  map: (ctx: RouteContext) => Map<string, Pool | Provider>;
  check: (body: Record<string, unknown>) => void;
};

const poolKind: Kind = {
  label: "pool",
  permissions: "iam.workloadIdentityPools",
  idParam: "workloadIdentityPoolId",
  typeUrl: "type.googleapis.com/google.iam.v1.WorkloadIdentityPool",
  updatable: ["displayName", "description", "disabled"],
  map: (ctx) => ctx.state.pools,
  check: checkPoolFields,
};
const providerKind: Kind = {
  label: "provider",
  permissions: "iam.workloadIdentityPoolProviders",
  idParam: "workloadIdentityPoolProviderId",
  typeUrl: "type.googleapis.com/google.iam.v1.WorkloadIdentityPoolProvider",
  updatable: [
    ...poolKind.updatable,
    "attributeMapping",
    "attributeCondition",
    "oidc",
    "oidc.issuerUri",
    "oidc.allowedAudiences",
  ],
  map: (ctx) => ctx.state.providers,
  check: checkProviderFields,
};

const fieldsOf = (body: Record<string, unknown>) => {
  const { name: _name, state: _state, expireTime: _expire, ...fields } = body;
  return fields;
};

function operation(ctx: RouteContext, kind: Kind, resource: Pool | Provider) {
  // Creates, updates and deletes answer an Operation; operations.get reports it done.
  const op = ctx.state.startOperation(resource.name, { "@type": kind.typeUrl, ...resource });
  return ok({
    name: op.name,
    metadata: { "@type": `${kind.typeUrl}OperationMetadata` },
    done: false,
  });
}

function existing(ctx: RouteContext, kind: Kind, name: string) {
  const found = kind.map(ctx).get(name);
  if (!found) fail(404, "NOT_FOUND", `Requested entity was not found.`);
  return found;
}

function collection(ctx: RouteContext, kind: Kind, parent: string, method: string): Route["run"] {
  return async (req, url) => {
    if (kind === providerKind) existing(ctx, poolKind, parent);
    const prefix = kind === poolKind ? `${parent}/` : `${parent}/providers/`;
    if (method === "GET") {
      // Soft-deleted resources are listed only with showDeleted=true.
      const showDeleted = url.searchParams.get("showDeleted") === "true";
      const items = [...kind.map(ctx).values()].filter(
        (r) => r.name.startsWith(prefix) && !r.name.slice(prefix.length).includes("/"),
      );
      const page = pageOf(
        items.filter((r) => showDeleted || r.state === "ACTIVE"),
        url,
        { defaultSize: 50, maxSize: Math.min(1000, ctx.maxPageSize) },
      );
      const key = kind === poolKind ? "workloadIdentityPools" : "workloadIdentityPoolProviders";
      return ok({ [key]: page.items, ...(page.nextPageToken ? page : {}) });
    }
    const id = url.searchParams.get(kind.idParam) ?? "";
    checkResourceId(kind.label, id);
    const body = await readJsonObject(req);
    kind.check(body);
    if (kind === providerKind && existing(ctx, poolKind, parent).state === "DELETED") {
      fail(400, "FAILED_PRECONDITION", "The workload identity pool is deleted.");
    }
    const name = `${prefix}${id}`;
    // A deleted resource keeps its name for 30 days, so the ID cannot be reused.
    if (kind.map(ctx).has(name)) fail(409, "ALREADY_EXISTS", "Requested entity already exists");
    const resource = { ...fieldsOf(body), name, state: "ACTIVE", disabled: body.disabled === true };
    kind.map(ctx).set(name, resource as Pool);
    return operation(ctx, kind, resource as Pool);
  };
}

function item(ctx: RouteContext, kind: Kind, name: string, method: string): Route["run"] {
  return async (req, url) => {
    const resource = existing(ctx, kind, name);
    if (method === "GET") return ok(resource);
    if (resource.state === "DELETED") {
      fail(400, "FAILED_PRECONDITION", `The ${kind.label} is deleted; undelete it first.`);
    }
    if (method === "DELETE") {
      const expireTime = new Date(Date.now() + DELETED_KEPT_MS).toISOString();
      Object.assign(resource, { state: "DELETED", expireTime });
      return operation(ctx, kind, resource);
    }
    const mask = (url.searchParams.get("updateMask") ?? "").split(",").filter(Boolean);
    const unknown = mask.find((field) => !kind.updatable.includes(field));
    if (mask.length === 0 || unknown) {
      fail(400, "INVALID_ARGUMENT", `Invalid update mask: "${unknown ?? ""}".`);
    }
    const body = await readJsonObject(req);
    const next: Record<string, unknown> = { ...resource };
    for (const field of mask) {
      const [top = "", sub] = field.split(".");
      if (sub) next[top] = { ...(next[top] as object), [sub]: (body[top] as never)?.[sub] };
      else next[top] = body[top];
    }
    kind.check(fieldsOf(next));
    kind.map(ctx).set(name, next as Pool);
    return operation(ctx, kind, next as Pool);
  };
}

function operationsGet(ctx: RouteContext, name: string): Route["run"] {
  return async () => {
    const op = ctx.state.operations.get(name);
    if (!op) fail(404, "NOT_FOUND", "Requested entity was not found.");
    // A done operation carries either its error (a google.rpc.Status) or its response.
    // https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.operations#Operation
    if (op.pollsLeft > 0) {
      op.pollsLeft -= 1;
      return ok({ name: op.name, done: false });
    }
    op.done = true;
    const outcome = op.error ? { error: op.error } : { response: op.response };
    return ok({ name: op.name, done: true, ...outcome });
  };
}

export const routeWorkloadIdentity: Router = (method, path, ctx) => {
  const match = POOLS.exec(path);
  if (!match) return undefined;
  const project = ctx.state.project(match[1] ?? "");
  // IAM answers a project the caller cannot see (or that does not exist) with 403.
  if (!project) return deniedEverywhere("iam.workloadIdentityPools.list", `projects/${match[1]}`);
  const parent = `projects/${project.projectNumber}/locations/global/workloadIdentityPools`;
  const parts = (match[2] ?? "").split("/").filter(Boolean);
  const [poolId, segment, providerId, providerSegment] = parts;
  const route = (kind: Kind, verb: string, name: string, run: Route["run"]): Route => ({
    permission: `${kind.permissions}.${verb}`,
    resource: `//${SERVICE}/${name}`,
    service: SERVICE,
    run,
  });
  const verbs: Record<string, string> = { GET: "get", PATCH: "update", DELETE: "delete" };
  if (parts.length === 0 && (method === "GET" || method === "POST")) {
    const run = collection(ctx, poolKind, parent, method);
    return route(poolKind, method === "GET" ? "list" : "create", parent, run);
  }
  if (!poolId) return undefined;
  const pool = poolName(project.projectNumber, poolId);
  if (parts.length === 1 && verbs[method]) {
    return route(poolKind, verbs[method], pool, item(ctx, poolKind, pool, method));
  }
  if (segment === "operations" && parts.length === 3 && method === "GET") {
    return route(poolKind, "get", pool, operationsGet(ctx, `${pool}/${parts.slice(1).join("/")}`));
  }
  if (segment !== "providers") return undefined;
  if (parts.length === 2 && (method === "GET" || method === "POST")) {
    const run = collection(ctx, providerKind, pool, method);
    return route(providerKind, method === "GET" ? "list" : "create", pool, run);
  }
  const provider = `${pool}/providers/${providerId}`;
  if (parts.length === 3 && verbs[method]) {
    return route(providerKind, verbs[method], provider, item(ctx, providerKind, provider, method));
  }
  if (providerSegment === "operations" && parts.length === 5 && method === "GET") {
    const run = operationsGet(ctx, `${provider}/operations/${parts[4]}`);
    return route(providerKind, "get", provider, run);
  }
  return undefined;
};
