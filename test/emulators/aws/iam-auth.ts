import { IamError } from "./iam-error";

// The emulator checks that a SigV4 signature is present and well formed and
// that its access key is the one it was given; it does not recompute the
// signature. https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/\d{8}\/[a-z0-9-]+\/iam\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

export function checkSignature(authorization: string | undefined, accessKeyId: string): void {
  if (!authorization) {
    throw new IamError(
      "MissingAuthenticationToken",
      403,
      "Request is missing Authentication Token",
    );
  }
  const match = SIGV4.exec(authorization);
  if (!match) {
    throw new IamError(
      "IncompleteSignature",
      400,
      "The request signature does not conform to AWS standards.",
    );
  }
  if (match[1] !== accessKeyId) {
    throw new IamError(
      "InvalidClientTokenId",
      403,
      "The security token included in the request is invalid.",
    );
  }
}
