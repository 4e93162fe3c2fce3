// The two IAM backends the AWS tests run against: Fedlens's emulator and moto.
import { Agent } from "node:https";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type IamEmulator, startIamEmulator } from "@/test/emulators/aws/iam-server";
import { isMotoInstalled, startMoto } from "./moto-server";
import { fakeAccessKeyId } from "@/test/emulators/aws/fake-access-key";

export type IamBackend = {
  url: string;
  /** The CA the backend's https certificate chains to. */
  ca: string;
  accessKeyId: string;
  reset(): Promise<void>;
  stop(): Promise<void>;
  /** Present on the emulator only: its state, faults and request log. */
  emulator?: IamEmulator;
};

export type BackendCase = { name: string; skip: string | false; start(): Promise<IamBackend> };

const MOTO_KEY = fakeAccessKeyId();

export const backends: BackendCase[] = [
  {
    name: "emulator",
    skip: false,
    async start() {
      const emulator = await startIamEmulator();
      return {
        url: emulator.url,
        ca: emulator.ca,
        accessKeyId: emulator.accessKeyId,
        emulator,
        reset: async () => emulator.reset(),
        stop: () => emulator.close(),
      };
    },
  },
  {
    name: "moto",
    skip: isMotoInstalled() ? false : "moto_server is not on PATH (pip install 'moto[server]')",
    async start() {
      const moto = await startMoto();
      return {
        url: moto.url,
        ca: moto.ca,
        accessKeyId: MOTO_KEY,
        reset: moto.reset,
        stop: moto.stop,
      };
    },
  },
];

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

function clientConfig(backend: { url: string; ca: string }, credentials: Credentials) {
  return {
    endpoint: backend.url,
    // The backend's CA is trusted through the https agent; verification stays on.
    requestHandler: { httpsAgent: new Agent({ ca: backend.ca }) },
    region: "us-east-1",
    credentials,
  };
}

export const testSecret = "fedlens-test-secret-not-real";

export function iamClient(
  backend: { url: string; ca: string; accessKeyId: string },
  signer: string | Credentials = backend.accessKeyId,
): IAMClient {
  const credentials =
    typeof signer === "string" ? { accessKeyId: signer, secretAccessKey: testSecret } : signer;
  return new IAMClient(clientConfig(backend, credentials));
}

/** STS on the same endpoint, signed with the backend's key or with temporary credentials. */
export function stsClient(
  backend: { url: string; ca: string; accessKeyId: string },
  credentials: Credentials = { accessKeyId: backend.accessKeyId, secretAccessKey: testSecret },
): STSClient {
  return new STSClient(clientConfig(backend, credentials));
}

/** A GitHub Actions trust policy for `sub`, as a console would write it. */
export function trustPolicy(sub: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: {
          Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
        },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
          StringLike: { "token.actions.githubusercontent.com:sub": sub },
        },
      },
    ],
  });
}

/**
 * Starts the backend before a describe block's tests, resets it before each
 * (before the block's own beforeEach hooks) and stops it after.
 */
export function withIamBackend(backendCase: BackendCase): { backend: IamBackend; iam: IAMClient } {
  const live = {} as { backend: IamBackend; iam: IAMClient };
  beforeAll(async () => {
    live.backend = await backendCase.start();
    live.iam = iamClient(live.backend);
  });
  afterAll(async () => {
    live.iam?.destroy();
    await live.backend?.stop();
  });
  beforeEach(() => live.backend.reset());
  return live;
}

/** Fedlens's emulator for a file's tests, with a client signed by its key. */
export function withIamEmulator(): { emulator: IamEmulator; iam: IAMClient } {
  const live = {} as { emulator: IamEmulator; iam: IAMClient };
  beforeAll(async () => {
    live.emulator = await startIamEmulator();
    live.iam = iamClient(live.emulator);
  });
  afterAll(async () => {
    live.iam?.destroy();
    await live.emulator?.close();
  });
  return live;
}
