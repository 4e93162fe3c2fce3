import { randomUUID } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { checkSignature } from "./iam-auth";
import { IamError } from "./iam-error";
import { IamFaults, accessDenied, faultError } from "./iam-faults";
import { addClientId, createProvider, getProvider, listProviders } from "./iam-providers";
import { createRole, getRole, listRoles, updateAssumeRolePolicy } from "./iam-roles";
import { type IamState, createIamState } from "./iam-state";
import { type XmlNode, errorXml, successXml } from "./iam-xml";
import { fakeAccessKeyId } from "./fake-access-key";

type Handler = (state: IamState, params: URLSearchParams) => XmlNode | undefined;

// The actions emulated; each handler cites its API reference page.
const ACTIONS: Record<string, Handler> = {
  CreateOpenIDConnectProvider: createProvider,
  ListOpenIDConnectProviders: listProviders,
  GetOpenIDConnectProvider: getProvider,
  AddClientIDToOpenIDConnectProvider: addClientId,
  CreateRole: createRole,
  GetRole: getRole,
  ListRoles: listRoles,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
};

// Every request must name API version 2010-05-08.
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonParameters.html
const API_VERSION = "2010-05-08";

export type IamRequest = { action: string; params: URLSearchParams };

export type IamEmulator = {
  url: string;
  accessKeyId: string;
  state: IamState;
  faults: IamFaults;
  /** Every request received, faulted ones included, in order. */
  requests: IamRequest[];
  reset(): void;
  close(): Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, requestId: string, xml: string): void {
  response.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": requestId });
  response.end(xml);
}

function answer(emulator: IamEmulator, request: IamRequest, requestId: string): string {
  const { action, params } = request;
  const handler = ACTIONS[action];
  if (!handler || params.get("Version") !== API_VERSION) {
    throw new IamError(
      "InvalidAction",
      400,
      `Could not find operation ${action} for version ${params.get("Version")}`,
    );
  }
  const roleName = params.get("RoleName");
  if (roleName && emulator.faults.deniedRoles.has(roleName)) throw accessDenied(action, roleName);
  return successXml(action, requestId, handler(emulator.state, params));
}

export async function startIamEmulator(
  options: { accessKeyId?: string } = {},
): Promise<IamEmulator> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const faults = new IamFaults();
  const emulator: IamEmulator = {
    url: `http://127.0.0.1:${port}`,
    accessKeyId: options.accessKeyId ?? fakeAccessKeyId(),
    state: createIamState(),
    faults,
    requests: [],
    reset() {
      emulator.state = createIamState();
      emulator.requests.length = 0;
      faults.reset();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  server.on("request", async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    const params = new URLSearchParams(await readBody(request));
    const action = params.get("Action") ?? "";
    const received = { action, params };
    emulator.requests.push(received);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const fault = faults.take(action);
    if (fault === "reset") {
      request.socket.destroy();
      return;
    }
    try {
      if (fault) throw faultError(fault);
      checkSignature(request.headers.authorization, emulator.accessKeyId);
      send(response, 200, requestId, answer(emulator, received, requestId));
    } catch (error) {
      const iam = error instanceof IamError ? error : faultError("server-error");
      send(response, iam.status, requestId, errorXml(iam.code, iam.message, requestId));
    }
  });
  return emulator;
}
