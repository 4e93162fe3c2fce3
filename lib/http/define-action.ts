import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/current-actor";
import type { Role } from "@/lib/auth/roles";
import type { InvalidParam } from "@/lib/errors";
import type { ActionState } from "@/lib/http/action-state";
import { findUnstorableText } from "@/lib/http/find-unstorable-text";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { normaliseError } from "@/lib/http/normalise-error";
import { requestIdFrom } from "@/lib/http/request-id";
import { logger } from "@/lib/log/logger";

// The server-action twin of defineRoute (CONVENTIONS 8): role from the
// database, zod parsing, and errors as messages under the fields. Handlers
// call the same use-cases as the API routes.

type Handler<Input, A> = (context: {
  actor: A;
  input: Input;
  requestId: string;
}) => Promise<ActionState | void>;
type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

const secretField = /password|secret|token/i;

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

function keptValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !secretField.test(key)));
}

function fieldErrorsFrom(params: InvalidParam[] | undefined): Record<string, string> | undefined {
  if (!params?.length) return undefined;
  return Object.fromEntries(params.map((param) => [param.name, param.reason]));
}

function buildAction<Input, A>(
  authorize: () => Promise<A>,
  schema: z.ZodType<Input, unknown>,
  handler: Handler<Input, A>,
): FormAction {
  return async function action(_previous, formData) {
    const requestId = requestIdFrom(await headers());
    const values = formValues(formData);
    const failed = (message: string, invalidParams?: InvalidParam[]): ActionState => ({
      status: "error",
      message,
      fieldErrors: fieldErrorsFrom(invalidParams),
      values: keptValues(values),
      requestId,
    });
    try {
      const actor = await authorize();
      const unstorable = findUnstorableText(values);
      if (unstorable) {
        return failed("Check the highlighted fields.", [
          { name: unstorable.path, reason: unstorable.reason },
        ]);
      }
      const parsed = schema.safeParse(values);
      if (!parsed.success)
        return failed("Check the highlighted fields.", invalidParamsFrom(parsed.error));
      return (await handler({ actor, input: parsed.data, requestId })) ?? { status: "success" };
    } catch (error) {
      // redirect(), notFound() and forbidden() work by throwing.
      unstable_rethrow(error);
      const known = normaliseError(error);
      if (known) return failed(known.message, known.invalidParams);
      logger.error({ err: error, requestId }, "unhandled error in server action");
      return failed(
        `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
      );
    }
  };
}

export function defineAction<Input>(config: {
  role: Role;
  schema: z.ZodType<Input, unknown>;
  handler: Handler<Input, Actor>;
}): FormAction {
  return buildAction(() => requireRole(config.role), config.schema, config.handler);
}

/** For the few actions open to anyone (first-run setup); the use-case guards itself. */
export function definePublicAction<Input>(config: {
  schema: z.ZodType<Input, unknown>;
  handler: Handler<Input, null>;
}): FormAction {
  return buildAction(async () => null, config.schema, config.handler);
}
