import { CloudCallError, type CloudError, type CloudErrorKind } from "@/lib/clouds/adapter-types";
import { readGoogleFailure, type GoogleFailure } from "@/lib/clouds/gcp/adapter/google-error";

// Any failure of a Google call as a CloudError: the cloud's code, status and
// message verbatim; the cause and the fix in plain words.
// https://cloud.google.com/apis/design/errors#handling_errors (status → meaning)
// https://developers.google.com/identity/protocols/oauth2/service-account#error-codes

/** The permissions the read side needs, the roles that hold them (see the report / README). */
export const gcpReadRoles = [
  "roles/iam.workloadIdentityPoolViewer",
  "roles/iam.serviceAccountViewer",
];
export const gcpReadPermissions = [
  "resourcemanager.projects.get",
  "iam.workloadIdentityPools.list",
  "iam.workloadIdentityPools.get",
  "iam.workloadIdentityPoolProviders.list",
  "iam.workloadIdentityPoolProviders.get",
  "iam.serviceAccounts.list",
  "iam.serviceAccounts.getIamPolicy",
];

type Advice = { kind: CloudErrorKind; cause: string; fix: string };

const denied = (permission?: string): Advice => ({
  kind: "denied",
  cause: `The account Fedlens signs in as lacks ${permission ? `the permission ${permission}` : "a permission"} on this object, or the object does not exist (Google answers both the same way).`,
  fix: `On the project, grant that account IAM Workload Identity Pool Viewer (${gcpReadRoles[0]}) and Service Account Viewer (${gcpReadRoles[1]}), or a custom role with ${gcpReadPermissions.join(", ")}. Grants can take a few minutes to apply.`,
});

const byStatus: Record<string, Advice> = {
  PERMISSION_DENIED: denied(),
  UNAUTHENTICATED: {
    kind: "unauthenticated",
    cause: "Google did not accept the access token Fedlens sent.",
    fix: "Check the connection's credentials: replace the key, or check the host's credentials for ambient sign-in.",
  },
  NOT_FOUND: {
    kind: "not-found",
    cause: "The object does not exist in this project (it may have been deleted).",
    fix: "Check the project number, pool and provider IDs, or remove the object from the catalogue.",
  },
  RESOURCE_EXHAUSTED: {
    kind: "throttled",
    cause:
      "Google throttled the request: the project's read quota for the IAM API is used up for now.",
    fix: "Fedlens retries after the wait Google asks for; if this persists, read less often or raise the quota.",
  },
  UNAVAILABLE: {
    kind: "unavailable",
    cause: "The Google API is briefly unavailable.",
    fix: "Nothing to change; Fedlens retries, and the next refresh will read it.",
  },
  INVALID_ARGUMENT: {
    kind: "invalid",
    cause: "Google refused the request as malformed.",
    fix: "Check the connection's project ID and number and the target's pool and provider IDs.",
  },
  ABORTED: {
    kind: "conflict",
    cause: "Someone changed the object while Fedlens was working on it.",
    fix: "Read it again and retry.",
  },
};
byStatus.INTERNAL = byStatus.UNAVAILABLE!;
byStatus.DEADLINE_EXCEEDED = byStatus.UNAVAILABLE!;
byStatus.FAILED_PRECONDITION = byStatus.INVALID_ARGUMENT!;
byStatus.ALREADY_EXISTS = byStatus.ABORTED!;

const statusOfHttp: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

function adviceForStatus(status: string, httpStatus: number): Advice {
  return (
    byStatus[status] ??
    byStatus[statusOfHttp[httpStatus] ?? ""] ??
    (httpStatus >= 500
      ? byStatus.UNAVAILABLE!
      : {
          kind: "other",
          cause: "Google refused the request.",
          fix: "Read Google's message above.",
        })
  );
}

// RFC 6749 §5.2 codes from the token endpoint, with Google's meaning for a key.
function adviceForOAuth(error: string, httpStatus: number): Advice {
  if (httpStatus === 429 || httpStatus >= 500) return adviceForStatus("", httpStatus);
  if (error === "invalid_grant") {
    return {
      kind: "unauthenticated",
      cause:
        "Google's token endpoint refused the service-account key: the key or the service account was deleted or disabled, or this host's clock is off.",
      fix: "Create a new key for the service account and replace the connection's secret; check that the host's clock is right.",
    };
  }
  return {
    kind: "unauthenticated",
    cause: "Google's token endpoint refused to issue an access token for this key.",
    fix: "Replace the connection's secret with a current key file of the service account.",
  };
}

// Node's and undici's codes for a request that got no HTTP answer.
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

function adviceForTransport(code: string): Advice {
  if (TLS_CODES.test(code)) {
    return {
      kind: "network",
      cause: "The endpoint's TLS certificate is not trusted.",
      fix: "Add the certificate authority of the endpoint to the connection's CA bundle.",
    };
  }
  return {
    kind: "network",
    cause: "Fedlens could not reach Google: the connection failed or was cut.",
    fix: "Check the host's network and proxy settings, and the connection's endpoint overrides.",
  };
}

function fromFailure(failure: GoogleFailure): CloudError {
  switch (failure.kind) {
    case "api": {
      const advice =
        failure.status === "PERMISSION_DENIED"
          ? denied(failure.permission)
          : adviceForStatus(failure.status, failure.httpStatus);
      return {
        ...advice,
        code: failure.status,
        message: failure.message,
        status: failure.httpStatus,
      };
    }
    case "oauth":
      return {
        ...adviceForOAuth(failure.error, failure.httpStatus),
        code: failure.error,
        message: failure.description,
        status: failure.httpStatus,
      };
    case "http": {
      const code = statusOfHttp[failure.httpStatus] ?? `HTTP ${failure.httpStatus}`;
      const advice = adviceForStatus(code, failure.httpStatus);
      return { ...advice, code, message: `HTTP ${failure.httpStatus}`, status: failure.httpStatus };
    }
    case "transport":
      return { ...adviceForTransport(failure.code), code: failure.code, message: failure.message };
  }
}

export function explainGcpError(error: unknown): CloudError {
  if (error instanceof CloudCallError) return error.cloudError;
  const failure = readGoogleFailure(error);
  if (failure) return fromFailure(failure);
  const name = error instanceof Error ? error.name : "Error";
  if (name === "AbortError") {
    return {
      kind: "other",
      code: "Aborted",
      message: "The read was cancelled.",
      cause: "The read was cancelled before Google answered.",
      fix: "Start it again.",
    };
  }
  return {
    kind: "other",
    code: name,
    message: error instanceof Error ? error.message : String(error),
    cause: "The Google client failed before reaching Google.",
    fix: "Check the connection's settings; if they are right, report this message.",
  };
}
