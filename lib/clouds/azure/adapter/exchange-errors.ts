import type { CloudError, CloudErrorKind } from "@/lib/clouds/adapter-types";

// Our cause and fix for each refusal Entra answers a federated token request
// with (CLOUDS.md §1.2-1.8), beside the cloud's own code and message. The code
// is Entra's ("AADSTS700213"); the message is the first line of its
// error_description, verbatim (the trace, correlation and timestamp lines
// differ on every try and identify nothing for the operator).
// https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
// https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations

export type ExchangeErrorText = { kind: CloudErrorKind; cause: string; fix: string };

const propagation =
  "A federated credential created or changed in the last few minutes may not have reached every Entra server yet: wait a few minutes and try again.";

const subjectMismatch: ExchangeErrorText = {
  kind: "denied",
  cause:
    "A federated credential on the identity trusts the token's issuer, but none matches the token's subject: the binding differs from what the workload presents, or the credential in Azure was changed since the last drift check.",
  fix: `Compare the subject in Entra's message with the binding's subject and correct whichever is wrong, then sync the binding. ${propagation}`,
};

const issuerUnreachable: ExchangeErrorText = {
  // Not retried: Entra itself failed to read the issuer, usually because the
  // issuer is private; trying again at once rarely changes that.
  kind: "other",
  cause:
    "Entra could not fetch the issuer's discovery document or signing keys: the issuer is private, behind a firewall, or was down.",
  fix: "Publish the issuer's discovery document and key set at a public https address Entra can reach, then try again.",
};

const policyBlocked: ExchangeErrorText = {
  kind: "denied",
  cause:
    "A tenant policy turns off or restricts workload identity federation for this issuer or this kind of identity.",
  fix: "Ask an administrator of the tenant to allow federation for this issuer and identity.",
};

/** By Entra's code. */
export const exchangeTextsByCode: Record<string, ExchangeErrorText> = {
  AADSTS700016: {
    kind: "not-found",
    cause:
      "Entra has no application or managed identity with the target's client id in the target's tenant: the client id or tenant id is wrong, or the identity was deleted.",
    fix: "Check the target's client id and tenant id against the identity in Azure. If the identity was deleted, re-create it or remove the target from the catalogue.",
  },
  AADSTS90002: {
    kind: "not-found",
    cause: "Entra does not know the target's tenant in this Azure cloud.",
    fix: "Check the target's tenant id (the Directory ID on the Entra overview page) and the connection's authority host.",
  },
  AADSTS70025: {
    kind: "denied",
    cause: "The identity has no federated credentials in Azure at all.",
    fix: `Create the binding's federated credential on the identity by syncing the binding. ${propagation}`,
  },
  AADSTS70021: {
    kind: "denied",
    cause:
      "No federated credential on the identity matches the token's issuer, subject and audience together.",
    fix: `Compare the issuer, subject and audience in Entra's message with the identity's federated credentials. ${propagation}`,
  },
  AADSTS700211: {
    kind: "denied",
    cause:
      "No federated credential on the identity trusts the token's issuer. Issuers must match exactly, a trailing slash included.",
    fix: "Set the credential's issuer to the token's issuer exactly as Entra's message shows it, or check that the token comes from the issuer you expect.",
  },
  AADSTS700212: {
    kind: "denied",
    cause:
      "A federated credential matches the token's issuer and subject, but none lists the token's audience.",
    fix: "Have the workload ask for its token with the credential's audience (usually api://AzureADTokenExchange), or change the credential's audience to the one the token carries.",
  },
  AADSTS700213: subjectMismatch,
  AADSTS7002137: subjectMismatch,
  AADSTS7002138: {
    kind: "denied",
    cause:
      "The token's subject matches a federated credential only when upper and lower case are ignored, and Entra compares subjects case-sensitively.",
    fix: "Make the credential's subject match the token's subject character for character, organisation, repository and environment names included.",
  },
  AADSTS700024: {
    kind: "invalid",
    cause: "The token had expired, or was not valid yet, when Entra received it.",
    fix: "Paste a freshly issued token. If fresh tokens fail too, check the clock of the machine that issues them.",
  },
  AADSTS70023: {
    kind: "invalid",
    cause:
      "The token lives longer than Entra allows for federation (1 day and 1 hour), or it has no issued-at time.",
    fix: "Have the issuer put an iat claim in its tokens and keep their lifetime at 25 hours or less (an hour or less is usual).",
  },
  AADSTS5002738: {
    kind: "invalid",
    cause:
      "The token is signed with an algorithm Entra does not accept: Entra supports RS256 only.",
    fix: "Have the issuer sign with an RSA key (RS256) and publish that key in its key set.",
  },
  AADSTS50027: {
    kind: "invalid",
    cause:
      "Entra could not validate the token: it is malformed, or its signature does not verify with the keys the issuer publishes.",
    fix: "Paste the whole token as issued (three parts separated by dots). If it is complete, check that the issuer publishes the key named in the token's kid header.",
  },
  AADSTS90061: issuerUnreachable,
  AADSTS50166: issuerUnreachable,
  AADSTS501661: issuerUnreachable,
  AADSTS700222: {
    kind: "denied",
    cause:
      "The token was issued by Entra itself, which workload identity federation does not accept.",
    fix: "Use a token from the workload's own issuer (its CI system, cluster or identity provider).",
  },
  AADSTS700223: policyBlocked,
  AADSTS700238: policyBlocked,
  AADSTS7000215: {
    kind: "unauthenticated",
    cause:
      "Entra handled the request as a sign-in with a client secret and refused the secret, instead of checking the token against federated credentials.",
    fix: "Check that the target's client id is the identity that holds the federated credential.",
  },
};

/** An AADSTS code Fedlens has no explanation for. */
export const unknownRefusal: ExchangeErrorText = {
  kind: "denied",
  cause: "Entra refused the exchange for a reason Fedlens has no explanation for.",
  fix: "Read Entra's message above; Microsoft's error lookup (https://login.microsoftonline.com/error) explains each code.",
};

/** The first line of Entra's error_description, as Entra wrote it. */
export function firstLine(description: string): string {
  return (description.split(/\r?\n|\r/)[0] ?? "").trim();
}

export type EntraRefusal = {
  status?: number;
  /** Entra's error_codes. */
  errorCodes?: number[];
  /** Entra's error_description. */
  description: string;
};

/** Entra's refusal as a CloudError, with our cause and fix for its code. */
export function explainEntraRefusal(refusal: EntraRefusal): CloudError {
  const { status, errorCodes, description } = refusal;
  const fromText = /^AADSTS\d+/.exec(description)?.[0];
  const code = errorCodes?.[0] !== undefined ? `AADSTS${errorCodes[0]}` : (fromText ?? "AADSTS");
  const text = exchangeTextsByCode[code] ?? unknownRefusal;
  // A busy or failing token endpoint is transient whatever code it names.
  const kind: CloudErrorKind =
    status !== undefined && status >= 500
      ? "unavailable"
      : status === 429
        ? "throttled"
        : text.kind;
  return {
    kind,
    code,
    message: firstLine(description),
    cause: text.cause,
    fix: text.fix,
    ...(status === undefined ? {} : { status }),
  };
}
