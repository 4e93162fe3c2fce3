import { randomUUID } from "node:crypto";
import { type IncomingMessage, type ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createEmulatorTls, type EmulatorTls } from "../azure/tls";
import { type Caller, checkSignature } from "./iam-auth";
import { IamError } from "./iam-error";
import { IamFaults, accessDenied, faultError } from "./iam-faults";
import { addClientId, createProvider, getProvider, listProviders } from "./iam-providers";
import { createRole, getRole, listRoles, updateAssumeRolePolicy } from "./iam-roles";
import { type IamState, createIamState } from "./iam-state";
import { type XmlNode, IAM_NS, STS_NS, errorXml, successXml } from "./iam-xml";
import { fakeAccessKeyId } from "./fake-access-key";
import { assumeRole, getCallerIdentity } from "./sts";
import { WEB_IDENTITY_ACTION, type WebIdentitySettings, webIdentityXml } from "./sts-web-identity";

type Handler = (state: IamState, params: URLSearchParams, caller: Caller) => XmlNode | undefined;
type Service = { name: "iam" | "sts"; version: string; ns: string };

// Every request names its API version: IAM 2010-05-08, STS 2011-06-15.
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonParameters.html
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonParameters.html
const IAM: Service = { name: "iam", version: "2010-05-08", ns: IAM_NS };
const STS: Service = { name: "sts", version: "2011-06-15", ns: STS_NS };

// The actions emulated; each handler cites its API reference page.
const ACTIONS: Record<string, { service: Service; handler: Handler }> = {
  CreateOpenIDConnectProvider: { service: IAM, handler: createProvider },
  ListOpenIDConnectProviders: { service: IAM, handler: listProviders },
  GetOpenIDConnectProvider: { service: IAM, handler: getProvider },
  AddClientIDToOpenIDConnectProvider: { service: IAM, handler: addClientId },
  CreateRole: { service: IAM, handler: createRole },
  GetRole: { service: IAM, handler: getRole },
  ListRoles: { service: IAM, handler: listRoles },
  UpdateAssumeRolePolicy: { service: IAM, handler: updateAssumeRolePolicy },
  GetCallerIdentity: { service: STS, handler: getCallerIdentity },
  AssumeRole: { service: STS, handler: assumeRole },
};

export type IamRequest = { action: string; params: URLSearchParams };

export type IamEmulator = {
  /** https://127.0.0.1:<port>, one endpoint for IAM and STS. */
  url: string;
  /** The PEM CA that signed the emulator's certificate (trust it, never skip verification). */
  ca: string;
  accessKeyId: string;
  state: IamState;
  faults: IamFaults;
  /** Every request received, faulted ones included, in order. */
  requests: IamRequest[];
  /** How many requests naming a role were in flight at once (concurrency tests). */
  roleOverlap: RoleOverlap;
  reset(): void;
  close(): Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(
  response: ServerResponse,
  status: number,
  requestId: string,
  xml: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    "content-type": "text/xml",
    "x-amzn-requestid": requestId,
    ...headers,
  });
  response.end(xml);
}

function serviceOf(action: string): Service {
  return action === WEB_IDENTITY_ACTION ? STS : (ACTIONS[action]?.service ?? IAM);
}

function answer(
  emulator: IamEmulator,
  request: IamRequest,
  requestId: string,
  headers: IncomingMessage["headers"],
): string {
  const { action, params } = request;
  const entry = ACTIONS[action];
  if (!entry || params.get("Version") !== entry.service.version) {
    throw new IamError(
      "InvalidAction",
      400,
      `Could not find operation ${action} for version ${params.get("Version")}`,
    );
  }
  const caller = checkSignature(
    {
      authorization: headers.authorization,
      securityToken: headers["x-amz-security-token"] as string | undefined,
    },
    entry.service.name,
    emulator.state,
  );
  const roleName = params.get("RoleName");
  if (emulator.faults.deniedActions.has(action)) {
    throw accessDenied(caller.arn, action, roleName ? `role ${roleName}` : "*");
  }
  if (roleName && emulator.faults.deniedRoles.has(roleName)) {
    throw accessDenied(caller.arn, action, `role ${roleName}`);
  }
  const providerArn = params.get("OpenIDConnectProviderArn");
  if (providerArn && emulator.faults.deniedProviders.has(providerArn)) {
    throw accessDenied(caller.arn, action, providerArn);
  }
  return successXml(
    action,
    requestId,
    entry.handler(emulator.state, params, caller),
    entry.service.ns,
  );
}

/**
 * Requests naming a RoleName, counted while in flight: `samePeak` is the most
 * naming one role at once (a trust policy's read-modify-write must not
 * overlap another's, as UpdateAssumeRolePolicy has no ETag), `rolesPeak` the
 * most distinct roles at once (different roles may run in parallel).
 */
export class RoleOverlap {
  samePeak = 0;
  rolesPeak = 0;
  private readonly inFlight = new Map<string, number>();

  enter(role: string): () => void {
    this.inFlight.set(role, (this.inFlight.get(role) ?? 0) + 1);
    this.samePeak = Math.max(this.samePeak, this.inFlight.get(role) ?? 0);
    this.rolesPeak = Math.max(this.rolesPeak, this.inFlight.size);
    return () => {
      const left = (this.inFlight.get(role) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(role);
      else this.inFlight.set(role, left);
    };
  }
}

export async function startIamEmulator(
  options: { accessKeyId?: string; tls?: EmulatorTls; webIdentity?: WebIdentitySettings } = {},
): Promise<IamEmulator> {
  const tls = options.tls ?? (await createEmulatorTls());
  const server = createServer({ key: tls.key, cert: tls.cert });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const faults = new IamFaults();
  const accessKeyId = options.accessKeyId ?? fakeAccessKeyId();
  const emulator: IamEmulator = {
    url: `https://127.0.0.1:${port}`,
    ca: tls.ca,
    accessKeyId,
    state: createIamState(accessKeyId),
    faults,
    requests: [],
    roleOverlap: new RoleOverlap(),
    reset() {
      emulator.state = createIamState(accessKeyId);
      emulator.requests.length = 0;
      emulator.roleOverlap = new RoleOverlap();
      faults.reset();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  server.on("request", async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    const params = new URLSearchParams(await readBody(request));
    const action = params.get("Action") ?? "";
    const ns = serviceOf(action).ns;
    const received = { action, params };
    // The request log keeps no web identity token (only what the call asked for).
    const logged = new URLSearchParams(params);
    logged.delete("WebIdentityToken");
    emulator.requests.push({ action, params: logged });
    const role = params.get("RoleName");
    const leave = role ? emulator.roleOverlap.enter(role) : () => {};
    response.once("close", leave);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const fault = faults.take(action);
    if (fault?.kind === "reset") {
      request.socket.destroy();
      return;
    }
    try {
      if (fault) {
        const error = faultError(fault.kind);
        const headers: Record<string, string> =
          fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter };
        send(
          response,
          error.status,
          requestId,
          errorXml(error.code, error.message, requestId, ns),
          headers,
        );
        return;
      }
      // Unsigned (the token is the proof) and asynchronous (it reads the issuer's keys).
      const xml =
        action === WEB_IDENTITY_ACTION
          ? await webIdentityXml(
              emulator.state,
              params,
              requestId,
              request.headers,
              options.webIdentity,
            )
          : answer(emulator, received, requestId, request.headers);
      send(response, 200, requestId, xml);
    } catch (error) {
      const iam = error instanceof IamError ? error : faultError("server-error");
      send(response, iam.status, requestId, errorXml(iam.code, iam.message, requestId, ns));
    }
  });
  return emulator;
}
