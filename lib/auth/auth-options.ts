import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { createSession, revokeSession, sessionPolicy } from "@/lib/auth/session";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { provisionSsoUser, ssoProviderId } from "@/lib/auth/sign-in/provision-sso-user";
import { verifyCredentials } from "@/lib/auth/sign-in/verify-credentials";
import { getDb } from "@/lib/db/client";
import { authSecret, getEnv, publicOrigin } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { requestIdFrom } from "@/lib/http/request-id";
import { logger } from "@/lib/log/logger";

function ssoProvider(): NextAuthOptions["providers"] {
  const env = getEnv();
  if (!env.FEDLENS_OIDC_ISSUER || !env.FEDLENS_OIDC_CLIENT_ID || !env.FEDLENS_OIDC_CLIENT_SECRET)
    return [];
  return [
    {
      id: ssoProviderId,
      name: env.FEDLENS_OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.FEDLENS_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.FEDLENS_OIDC_CLIENT_ID,
      clientSecret: env.FEDLENS_OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: Record<string, unknown>) {
        return {
          id: String(profile.sub),
          email: typeof profile.email === "string" ? profile.email : null,
          name: typeof profile.name === "string" ? profile.name : null,
        };
      },
    },
  ];
}

/** next-auth hands authorize() the request headers as a plain object. */
function requestHeaders(given: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(given ?? {})) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

/** Records the sign-in and opens the server-side session the cookie will name. */
async function startSession(userId: string, method: string): Promise<string> {
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { lastLoginAt: new Date() },
      select: { id: true, email: true, role: true },
    });
    const sessionId = await createSession({ db: tx, userId });
    await appendAuditEvent(tx, {
      actor: { type: "user", id: user.id, userId: user.id, label: user.email, role: user.role },
      requestId: randomUUID(),
      action: "auth.sign_in",
      entityType: "user",
      entityId: user.id,
      after: { method },
    });
    return sessionId;
  });
}

export function getAuthOptions(): NextAuthOptions {
  const secure = publicOrigin().startsWith("https:");
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: sessionPolicy.absoluteMs / 1000 },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: (credentials, request) => {
          const headers = requestHeaders(request.headers);
          return verifyCredentials(credentials?.email, credentials?.password, {
            address: clientIp(headers),
            requestId: requestIdFrom(headers),
          });
        },
      }),
      ...ssoProvider(),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== ssoProviderId) return true;
        const userId = await provisionSsoUser(
          {
            subject: account.providerAccountId,
            email: profile?.email,
            emailVerified: (profile as { email_verified?: unknown } | undefined)?.email_verified,
            name: profile?.name,
          },
          randomUUID(),
        );
        return userId !== null;
      },
      // The cookie carries only the server-side session id (see session.ts).
      async jwt({ token, user, account }) {
        if (!user || !account) return token;
        let userId = user.id;
        if (account.provider === ssoProviderId) {
          const link = await getDb().account.findUnique({
            where: {
              provider_providerAccountId: {
                provider: ssoProviderId,
                providerAccountId: account.providerAccountId,
              },
            },
            select: { userId: true },
          });
          if (!link) throw new Error("SSO account was not provisioned");
          userId = link.userId;
        }
        return { sub: userId, sid: await startSession(userId, account.provider) };
      },
      async session({ session }) {
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(token.sid);
      },
    },
    logger: {
      error: (code, metadata) => logger.error({ code, metadata }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
}
