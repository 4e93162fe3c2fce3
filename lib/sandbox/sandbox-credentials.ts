import "server-only";
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import type { SandboxEmulators } from "@/lib/sandbox/emulators";
import type { SandboxConnectionSpec } from "@/lib/sandbox/sandbox-connections";
import { sandboxAwsScope, sandboxAzureScope, sandboxGcpScope } from "@/lib/sandbox/sandbox-scopes";

// How each Sandbox connection signs in: a stored secret made for this start
// and registered with its emulator only (an Entra client secret, an access
// key pair, a service-account key), so nothing reusable outlives the process.

export const sandboxConnectionNames = {
  azure: "Sandbox Azure",
  aws: "Sandbox AWS",
  gcp: "Sandbox GCP",
} as const;

const randomText = () => randomBytes(32).toString("base64url");

function azureSpec({ azure }: SandboxEmulators): SandboxConnectionSpec {
  const scope = sandboxAzureScope();
  const client = azure.entra.addClient({
    tenantId: scope.tenantId,
    clientId: randomUUID(),
    secret: randomText(),
  });
  return {
    name: sandboxConnectionNames.azure,
    cloud: "azure",
    scope,
    endpoints: {
      azureResourceManager: azure.endpoint,
      azureAuthorityHost: azure.endpoint,
      azureGraph: azure.endpoint,
    },
    caBundle: azure.ca,
    secret: { clientId: client.clientId, clientSecret: client.secret },
  };
}

function awsSpec({ aws }: SandboxEmulators): SandboxConnectionSpec {
  return {
    name: sandboxConnectionNames.aws,
    cloud: "aws",
    scope: sandboxAwsScope(),
    endpoints: { awsEndpoint: aws.url },
    caBundle: aws.ca,
    // The emulator checks the key id and the signature's form, not its value.
    secret: { accessKeyId: aws.accessKeyId, secretAccessKey: randomText() },
  };
}

/** A service-account key file as Google issues one, its public half registered with the emulator. */
function gcpSpec({ gcp }: SandboxEmulators): SandboxConnectionSpec {
  const scope = sandboxGcpScope();
  const email = gcp.state.seedServiceAccount(scope.projectId, "fedlens-sandbox", "Fedlens sandbox");
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyId = gcp.state.registerKey(email, publicKey);
  const keyFile = {
    type: "service_account",
    project_id: scope.projectId,
    private_key_id: keyId,
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: email,
    client_id: gcp.state.serviceAccounts.get(email)?.uniqueId ?? "",
    token_uri: gcp.tokenUrl,
  };
  return {
    name: sandboxConnectionNames.gcp,
    cloud: "gcp",
    scope,
    endpoints: { gcpRootUrl: gcp.rootUrl, gcpTokenUrl: gcp.tokenUrl },
    caBundle: gcp.ca,
    secret: {
      serviceAccountKey: {
        text: JSON.stringify(keyFile),
        clientEmail: email,
        tokenUri: gcp.tokenUrl,
      },
    },
  };
}

export function sandboxConnectionSpecs(emulators: SandboxEmulators): SandboxConnectionSpec[] {
  return [azureSpec(emulators), awsSpec(emulators), gcpSpec(emulators)];
}
