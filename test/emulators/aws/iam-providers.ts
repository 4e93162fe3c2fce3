import { IamError, invalidInput, noSuchEntity } from "./iam-error";
import { listParam, requiredParam } from "./iam-params";
import { ACCOUNT_ID, type IamState, type OidcProvider } from "./iam-state";
import type { XmlNode } from "./iam-xml";

// Limits from CreateOpenIDConnectProvider: https URL without query or port,
// ≤ 100 client ids of ≤ 255 characters, ≤ 5 SHA-1 hex thumbprints. CLOUDS.md §2.1.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidInput("Invalid Open ID Connect Provider URL");
  }
  if (parsed.protocol !== "https:" || parsed.search || parsed.port) {
    throw invalidInput("Invalid Open ID Connect Provider URL");
  }
  return url.slice("https://".length);
}

function checkClientIds(ids: string[]): void {
  if (ids.length > 100 || ids.some((id) => id.length < 1 || id.length > 255)) {
    throw invalidInput("Invalid client id list");
  }
}

function providerOf(state: IamState, params: URLSearchParams): OidcProvider {
  const arn = requiredParam(params, "OpenIDConnectProviderArn");
  const provider = state.providers.get(arn);
  if (!provider) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
  return provider;
}

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
export function createProvider(state: IamState, params: URLSearchParams): XmlNode {
  const url = checkUrl(requiredParam(params, "Url"));
  const clientIds = listParam(params, "ClientIDList");
  const thumbprints = listParam(params, "ThumbprintList");
  checkClientIds(clientIds);
  if (thumbprints.length > 5 || thumbprints.some((t) => !/^[0-9a-fA-F]{40}$/.test(t))) {
    throw invalidInput("Invalid thumbprint list");
  }
  const arn = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${url}`;
  // A URL can be registered once per account (409 EntityAlreadyExists).
  if (state.providers.has(arn)) {
    throw new IamError(
      "EntityAlreadyExists",
      409,
      `Provider with url https://${url} already exists.`,
    );
  }
  if (state.providers.size >= 100) {
    throw new IamError("LimitExceeded", 409, "Cannot exceed quota for OpenIdIdpsPerAccount: 100");
  }
  state.providers.set(arn, { arn, url, clientIds, thumbprints, createDate: new Date() });
  return { OpenIDConnectProviderArn: arn };
}

// Returns ARNs only. https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOpenIDConnectProviders.html
export function listProviders(state: IamState): XmlNode {
  return { OpenIDConnectProviderList: [...state.providers.keys()].map((arn) => ({ Arn: arn })) };
}

// Url comes back without its https:// scheme.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetOpenIDConnectProvider.html
export function getProvider(state: IamState, params: URLSearchParams): XmlNode {
  const provider = providerOf(state, params);
  return {
    Url: provider.url,
    ClientIDList: provider.clientIds,
    ThumbprintList: provider.thumbprints,
    CreateDate: provider.createDate.toISOString(),
  };
}

// Idempotent: adding a client id already present succeeds and changes nothing.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddClientIDToOpenIDConnectProvider.html
export function addClientId(state: IamState, params: URLSearchParams): undefined {
  const provider = providerOf(state, params);
  const clientId = requiredParam(params, "ClientID");
  if (provider.clientIds.includes(clientId)) return undefined;
  checkClientIds([...provider.clientIds, clientId]);
  provider.clientIds.push(clientId);
  return undefined;
}
