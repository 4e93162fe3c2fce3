import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { SignJWT } from "jose";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import type { Cloud } from "@/lib/clouds/types";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { sampleTokenAudience } from "@/lib/sandbox/sample-token-audience";
import { sampleTokenSeconds, sandboxIssuerUrl } from "@/lib/sandbox/sandbox-issuer";
import { readSandboxIssuerKey } from "@/lib/sandbox/sandbox-issuer-key";
import { liveSandboxIssuerOrigin } from "@/lib/sandbox/sandbox-issuer-live";

// "Sample token" on a Sandbox workload's page: a token of the Sandbox issuer
// for that workload, with the audience one of its bindings expects, valid
// ten minutes. Only while the sandbox runs, only for the Sandbox issuer's
// workloads, only for operators (whoever may try an exchange). Anything else
// answers 404: outside the sandbox this feature does not exist. The token is
// returned once and kept nowhere; the audit event names the binding and the
// audience, never the token.

export type SampleToken = {
  token: string;
  cloud: Cloud;
  bindingName: string;
  sub: string;
  aud: string;
  expiresAt: string;
};

const rule = { limit: 20, windowSeconds: 60 };
const notHere = () =>
  new AppError("not_found", { message: "Sample tokens exist only in the running sandbox." });

/** Whether sample tokens can be had now: the sandbox's issuer answers on loopback. */
export async function isSandboxRunning(dataDir = path.resolve(getEnv().FEDLENS_DATA_DIR)) {
  return (await liveSandboxIssuerOrigin(dataDir)) !== null;
}

export async function mintSampleToken({
  actor,
  requestId,
  workloadId,
  bindingId,
  dataDir = path.resolve(getEnv().FEDLENS_DATA_DIR),
  now = () => new Date(),
}: {
  actor: Actor;
  requestId: string;
  workloadId: string;
  bindingId: string;
  dataDir?: string;
  now?: () => Date;
}): Promise<SampleToken> {
  assertRole(actor, "operator");
  const key = (await isSandboxRunning(dataDir)) ? await readSandboxIssuerKey(dataDir) : null;
  if (!key) throw notHere();
  const db = getDb();
  const binding = await db.binding.findFirst({
    where: { id: bindingId, workloadId, workload: { issuer: { issuerUrl: sandboxIssuerUrl } } },
    select: {
      name: true,
      cloud: true,
      spec: true,
      target: { select: { config: true } },
      workload: { select: { subject: true } },
    },
  });
  if (!binding) throw notHere();
  const limit = await consumeRateLimit(`sandbox:sample-token:${actor.id ?? "system"}`, rule);
  if (!limit.allowed)
    throw new AppError("rate_limited", {
      message: `Too many sample tokens; try again in ${limit.retryAfterSeconds} s.`,
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  const cloud = binding.cloud as Cloud;
  const aud = sampleTokenAudience({
    cloud,
    spec: binding.spec,
    targetConfig: binding.target.config,
  });
  const sub = binding.workload.subject;
  const issuedAt = Math.floor(now().getTime() / 1000);
  const expiresAt = issuedAt + sampleTokenSeconds;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.publicJwk.kid })
    .setIssuer(sandboxIssuerUrl)
    .setSubject(sub)
    .setAudience(aud)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(key.privateKey);
  const expires = new Date(expiresAt * 1000).toISOString();
  await inTransaction(undefined, (tx) =>
    appendAuditEvent(tx, {
      actor,
      requestId,
      action: "workload.sample_token",
      entityType: "workload",
      entityId: workloadId,
      after: { binding: binding.name, cloud, sub, aud, expiresAt: expires },
    }),
  );
  return { token, cloud, bindingName: binding.name, sub, aud, expiresAt: expires };
}
