import { IamError } from "./iam-error";
import type { IamState } from "./iam-state";

// The emulator checks that a SigV4 signature is present and well formed, that
// its credential scope names the service the action belongs to, and that its
// access key is the emulator's own or a live AssumeRole session (whose calls
// also carry X-Amz-Security-Token); it does not recompute the signature.
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/\d{8}\/[a-z0-9-]+\/([a-z]+)\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

export type Caller = { accessKeyId: string; arn: string; userId: string };

const invalidToken = () =>
  new IamError(
    "InvalidClientTokenId",
    403,
    "The security token included in the request is invalid.",
  );

export function checkSignature(
  headers: { authorization?: string; securityToken?: string },
  service: "iam" | "sts",
  state: IamState,
  now = new Date(),
): Caller {
  const { authorization, securityToken } = headers;
  if (!authorization) {
    throw new IamError(
      "MissingAuthenticationToken",
      403,
      "Request is missing Authentication Token",
    );
  }
  const match = SIGV4.exec(authorization);
  if (!match || match[2] !== service) {
    throw new IamError(
      "IncompleteSignature",
      400,
      "The request signature does not conform to AWS standards.",
    );
  }
  const accessKeyId = match[1] ?? "";
  if (accessKeyId === state.user.accessKeyId) return state.user;
  const session = state.sessions.get(accessKeyId);
  if (!session || session.sessionToken !== securityToken) throw invalidToken();
  // An expired session's calls fail with ExpiredToken (403).
  if (session.expiration <= now) {
    throw new IamError(
      "ExpiredToken",
      403,
      "The security token included in the request is expired",
    );
  }
  return { accessKeyId, arn: session.arn, userId: session.userId };
}
