import "server-only";
import { assertRole } from "@/lib/auth/assert-role";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import type {
  AdapterConnection,
  CloudError,
  ConnectionTestResult,
} from "@/lib/clouds/adapter-types";
import { cloudAdapter } from "@/lib/clouds/adapters";
import { connectionSelect, toConnectionDto } from "@/lib/connections/connection-dto";
import { openConnection } from "@/lib/connections/open-connection";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { isUuid } from "@/lib/schemas/common";
import type { TConnection, TConnectionTest } from "@/lib/schemas/connection";

// "Test connection": the cloud's harmless read through its adapter (who am
// I), outside any transaction, then the outcome stored and audited. A cloud
// failure is a result, not an error. Should a cloud echo what it was sent,
// the stored secret is blanked out of the words kept.

const testRate = { limit: 10, windowSeconds: 60 };

/** The strings a cloud could echo back: the secret, and a key file's key and key id. */
function secretsOf(connection: AdapterConnection): string[] {
  if (connection.auth.kind !== "secret") return [];
  const secret = connection.auth.secret;
  if (secret.kind === "azure-client-secret") return [secret.clientSecret.reveal()];
  if (secret.kind === "aws-access-key") return [secret.secretAccessKey.reveal()];
  const text = secret.keyJson.reveal();
  const key = JSON.parse(text) as { private_key?: unknown; private_key_id?: unknown };
  return [text, key.private_key, key.private_key_id].filter(
    (part): part is string => typeof part === "string" && part.length >= 4,
  );
}

function scrub(text: string, secrets: string[]): string {
  return secrets.reduce((result, secret) => result.split(secret).join("[secret]"), text);
}

function scrubError(error: CloudError, secrets: string[]): CloudError {
  return {
    ...error,
    message: scrub(error.message, secrets),
    cause: scrub(error.cause, secrets),
    fix: scrub(error.fix, secrets),
  };
}

function toStoredTest(result: ConnectionTestResult, at: Date, secrets: string[]): TConnectionTest {
  return result.ok
    ? {
        at: at.toISOString(),
        ok: true,
        principal: scrub(result.principal, secrets),
        details: result.details.map((line) => scrub(line, secrets)),
        error: null,
      }
    : {
        at: at.toISOString(),
        ok: false,
        principal: null,
        details: [],
        error: scrubError(result.error, secrets),
      };
}

async function runTest(connection: AdapterConnection): Promise<ConnectionTestResult> {
  const adapter = cloudAdapter(connection.cloud);
  try {
    return await adapter.test(connection);
  } catch (error) {
    // The contract says test() never throws for a cloud failure; if it does, explain it.
    return { ok: false, error: adapter.explain(error) };
  }
}

/** Admin only: tests the connection, stores and audits the outcome, returns the connection. */
export async function testConnection({
  id,
  ...caller
}: MutationCaller & { id: string }): Promise<TConnection> {
  // Role first: opening the secret is for admins only.
  assertRole(caller.actor, "admin");
  if (!isUuid(id)) throw new AppError("not_found", { message: "No connection with this id." });
  // Each test calls the cloud: a cooldown keeps the button from being a cannon.
  const cooldown = await consumeRateLimit(`connection-test:${id}`, testRate);
  if (!cooldown.allowed) {
    throw new AppError("rate_limited", {
      message: `Tested too often; try again in ${cooldown.retryAfterSeconds} s.`,
      retryAfterSeconds: cooldown.retryAfterSeconds,
    });
  }
  const connection = await openConnection(caller.db ?? getDb(), id);
  const lastTest = toStoredTest(await runTest(connection), new Date(), secretsOf(connection));
  // Not a version change: an edit form opened before the test stays valid.
  return auditedMutation(caller, { action: "connection.test", role: "admin" }, async (tx) => {
    const row = await tx.cloudConnection.update({
      where: { id },
      data: { lastTest },
      select: connectionSelect,
    });
    return { entityId: id, after: lastTest, result: toConnectionDto(row) };
  });
}
