import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { checkLoginAllowed } from "@/lib/auth/sign-in/login-rate-limits";
import { describeRetryAfter } from "@/lib/auth/sign-in/throttle-policy";
import { clientIp } from "@/lib/http/client-ip";
import { problemResponse } from "@/lib/http/problem";
import { requestIdFrom } from "@/lib/http/request-id";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: Request, context: Context): Promise<Response> {
  return NextAuth(getAuthOptions())(request, context) as Promise<Response>;
}

export const GET = handle;

// Sign-in attempts are throttled here, before next-auth reads the password.
export async function POST(request: Request, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = new URLSearchParams(await request.clone().text());
    const verdict = await checkLoginAllowed(
      clientIp(request.headers),
      form.get("email") ?? undefined,
    );
    if (!verdict.allowed) {
      return problemResponse({
        code: "rate_limited",
        detail: `Too many sign-in attempts. ${describeRetryAfter(verdict.retryAfterSeconds)}`,
        requestId: requestIdFrom(request.headers),
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
  }
  return handle(request, context);
}
