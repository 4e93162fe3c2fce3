// Security headers that need a per-request nonce are set in proxy.ts; the
// static ones are repeated here so that a response the proxy never saw (a
// static file, or a bypass like CVE-2025-29927) still carries them.
const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  serverExternalPackages: ["pino", "pg", "pg-boss", "@prisma/adapter-pg", "undici"],
  experimental: {
    authInterrupts: true,
    // Over this Next.js answers with its error page before any of our code
    // runs; below it, defineAction enforces each form's own, smaller cap and
    // returns the form with a message (lib/http/define-action.ts).
    serverActions: { bodySizeLimit: "8mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders }];
  },
};

export default nextConfig;
