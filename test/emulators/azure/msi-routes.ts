import type { IncomingMessage, ServerResponse } from "node:http";
import { armError, readJson, sendArmError, sendJson, type ArmError } from "./arm-errors";
import type { FaultInjector } from "./faults";
import { checkApiVersion, checkName, MAX_FICS_PER_OWNER, parseFicBody } from "./fic-rules";
import { listPage, toResource } from "./msi-resource";
import type { MsiStore } from "./msi-store";

// FederatedIdentityCredentials_CreateOrUpdate / _Get / _Delete / _List.
// https://learn.microsoft.com/en-us/rest/api/managedidentity/federated-identity-credentials
// https://github.com/Azure/azure-rest-api-specs/blob/main/specification/msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity/stable/2024-11-30/ManagedIdentity.json
const FIC_PATH =
  /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+)\/federatedIdentityCredentials(?:\/([^/]+))?$/i;

export type MsiContext = {
  store: MsiStore;
  faults: FaultInjector;
  pageSize: number;
  origin: string;
};

const parentMissing = () =>
  armError(404, "NotFound", "The parent user-assigned identity doesn't exist.");

/** Answers a FIC request; returns false when the path is not one. */
export async function handleMsi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: MsiContext,
): Promise<boolean> {
  const match = FIC_PATH.exec(decodeURIComponent(url.pathname));
  if (!match) return false;
  const [, identityPath = "", ficName] = match;
  const apiVersion = url.searchParams.get("api-version") ?? "";
  const versionError = checkApiVersion(apiVersion);
  if (versionError) {
    sendArmError(res, versionError);
    return true;
  }
  const identity = ctx.store.identity(identityPath);
  const isWrite = req.method === "PUT" || req.method === "DELETE";
  if (isWrite && identity?.writeInFlight) {
    // Concurrent FIC writes under one managed identity fail with 409 (CLOUDS.md §1.5;
    // https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations).
    sendArmError(
      res,
      armError(
        409,
        "ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity",
        "Too many Federated Identity Credentials are written concurrently for the managed identity. Write them one at a time.",
      ),
    );
    return true;
  }
  if (isWrite && identity) identity.writeInFlight = true;
  try {
    if (await ctx.faults.apply(req, res)) return true;
    const outcome = await answer(req, url, ctx, { identityPath, ficName, apiVersion });
    if ("code" in outcome) sendArmError(res, outcome);
    else sendJson(res, outcome.status, outcome.body);
  } finally {
    if (isWrite && identity) identity.writeInFlight = false;
  }
  return true;
}

type Target = { identityPath: string; ficName: string | undefined; apiVersion: string };
export type Reply = { status: number; body?: unknown } | ArmError;

async function answer(req: IncomingMessage, url: URL, ctx: MsiContext, t: Target): Promise<Reply> {
  const identity = ctx.store.identity(t.identityPath);
  if (!identity) return parentMissing();
  const path = identity.id;
  if (t.ficName === undefined) {
    if (req.method !== "GET")
      return armError(405, "MethodNotAllowed", "The method is not allowed.");
    return listPage(url, ctx, [...identity.fics.values()], path, t.apiVersion);
  }
  const nameError = checkName(t.ficName);
  if (nameError) return nameError;
  const key = t.ficName.toLowerCase();
  const existing = identity.fics.get(key);
  if (req.method === "GET") {
    if (!existing)
      return armError(
        404,
        "NotFound",
        `Federated Identity Credential '${t.ficName}' was not found.`,
      );
    return { status: 200, body: toResource(path, existing, t.apiVersion) };
  }
  if (req.method === "DELETE") {
    // 200 when deleted, 204 when it did not exist (CLOUDS.md §1.1).
    identity.fics.delete(key);
    return { status: existing ? 200 : 204 };
  }
  if (req.method !== "PUT") return armError(405, "MethodNotAllowed", "The method is not allowed.");
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    return armError(
      400,
      "InvalidRequestContent",
      "The request content was invalid and could not be deserialized.",
    );
  }
  const properties = parseFicBody(body, t.apiVersion);
  if ("code" in properties) return properties;
  if (!existing && identity.fics.size >= MAX_FICS_PER_OWNER) {
    return armError(
      400,
      "BadRequest",
      `A managed identity can have at most ${MAX_FICS_PER_OWNER} federated identity credentials.`,
    );
  }
  const clash = [...identity.fics.values()].some(
    (f) =>
      f.name.toLowerCase() !== key &&
      f.properties.subject !== undefined &&
      f.properties.issuer === properties.issuer &&
      f.properties.subject === properties.subject,
  );
  if (clash)
    return armError(
      400,
      "BadRequest",
      "Issuer and subject combination already exists for this Managed Identity.",
    );
  const fic = { name: existing?.name ?? t.ficName, properties };
  identity.fics.set(key, fic);
  return { status: existing ? 200 : 201, body: toResource(path, fic, t.apiVersion) };
}
