import fs from "node:fs";
import path from "node:path";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Env is parsed once in lib/env.ts (CONVENTIONS 12); tests, configs and the
// env module itself are the only places allowed to read process.env.
const noProcessEnv = {
  "no-restricted-properties": [
    "error",
    { object: "process", property: "env", message: "Read configuration through lib/env.ts." },
  ],
};

// Where each kind of code may reach (CONVENTIONS 1-3). The core rule also
// flags `import type` and `export … from`, so a type cannot open the door.
// lib folders are matched by "@/lib/…" and by parent-relative paths ("../db"
// from inside lib/, "../../lib/db" from elsewhere).
const libModule = (folders) => `^(@/lib/|(\\.\\./)+(lib/)?)(${folders})(/.*)?$`;

// Packages by name (and subpath); regexes, since a gitignore-style group such
// as "pg" would also match any path with a "pg" folder in it.
const packages = (names) => `^(${names})(/.*)?$`;

const databaseDrivers = {
  regex: packages("@prisma/[^/]+|@electric-sql/[^/]+|pg|pg-boss"),
  message: "Only lib/db talks to the database.",
};

// DESIGN "A cloud is one folder, in three parts": the adapter is the only
// place a cloud SDK is imported, so the catalogue, the evaluator and the UI
// never load one (and the server bundle keeps them in one place).
const cloudSdks = {
  regex: packages(
    "@azure/[^/]+|@aws-sdk/[^/]+|@smithy/[^/]+|@google-cloud/[^/]+|@googleapis/[^/]+|googleapis|google-auth-library|gaxios",
  ),
  message:
    "Cloud SDKs are imported only by the cloud's adapter (lib/clouds/<cloud>/adapter/); elsewhere use its CloudAdapter through lib/clouds/adapters.ts.",
};
const sdkBoundaries = { "no-restricted-imports": ["error", { patterns: [cloudSdks] }] };

// Pages, route handlers and components call lib use-cases; only lib/db builds
// queries, and a client bundle must never see a Prisma type.
const noDatabase = [
  {
    regex: libModule("db"),
    message:
      "app/ and components/ never reach lib/db (even for a type): call a use-case in lib/<domain>/ and use its DTO type (lib/schemas or the use-case's types file).",
  },
  databaseDrivers,
  cloudSdks,
];
const uiBoundaries = { "no-restricted-imports": ["error", { patterns: noDatabase }] };

// One client → server path (CONVENTIONS 18): components read through
// lib/queries and change through lib/hooks; forms post to server actions.
const componentBoundaries = {
  "no-restricted-imports": [
    "error",
    {
      patterns: noDatabase,
      paths: [
        {
          name: "@/lib/api-client",
          importNames: ["apiFetch"],
          message:
            "Components read through lib/queries (queryOptions) and change through a lib/hooks/use-<verb>-<noun>.ts mutation that invalidates its list; only those call apiFetch.",
        },
      ],
    },
  ],
};

// The evaluator is pure and synchronous (DESIGN: CloudEvaluator), so it runs in
// tests, the CLI and the browser: no database, no HTTP, no cloud SDK.
const pureBoundaries = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          regex: libModule("db|http"),
          message:
            "Evaluator code is pure: take the data as an argument and let the caller (lib/diagnose, lib/catalog) do the I/O.",
        },
        databaseDrivers,
        cloudSdks,
        {
          regex: packages("undici|(node:)?(http|https|http2|net|tls|dns)"),
          message: "Evaluator code is pure: fetches go through lib/http/ssrf in the caller.",
        },
        {
          regex: packages("server-only"),
          message: "Evaluator code is pure and must load outside the server (CONVENTIONS 1).",
        },
      ],
    },
  ],
};

const root = import.meta.dirname;

/** The .ts/.tsx file an "@/…" or relative specifier names, or null for a package. */
function resolveSource(specifier, fromFile) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")];
  return candidates.find((file) => /\.tsx?$/.test(file) && fs.existsSync(file)) ?? null;
}

const serverOnlyMarker = /^import ["']server-only["'];?\s*$/m;

/** Whether an import or re-export brings in types only (erased, so server-only cannot object). */
function isTypeOnly(node) {
  if (node.importKind === "type" || node.exportKind === "type") return true;
  const specifiers = node.specifiers ?? [];
  return (
    specifiers.length > 0 &&
    specifiers.every((item) => item.importKind === "type" || item.exportKind === "type")
  );
}

const isClientModule = (program) =>
  program.body.some((statement) => statement.directive === "use client");

// The server-only package already stops a server module's code from reaching
// a client bundle at build time, but not its types, which are erased first: a
// component taking a type from a server-only module, or a "use client" one
// importing it at all, ties the UI to server code. A server component may
// still call a server-only use-case.
const noServerOnlyImport = {
  meta: {
    type: "problem",
    docs: {
      description:
        "Components take no type, and client components nothing, from a server-only module.",
    },
    schema: [],
  },
  create(context) {
    const isClient = isClientModule(context.sourceCode.ast);
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== "string") return;
      if (!isClient && !isTypeOnly(node)) return;
      const file = resolveSource(specifier, context.filename);
      if (!file || !serverOnlyMarker.test(fs.readFileSync(file, "utf8"))) return;
      context.report({
        node: node.source,
        message: isClient
          ? `${specifier} is server-only and this is a client component: pass the data in as a prop from a server component, and take its type from a leaf file without "server-only" (lib/schemas/<domain>.ts or a types file next to the use-case).`
          : `${specifier} is server-only: move the type into a leaf file without "server-only" (lib/schemas/<domain>.ts or a types file next to the use-case) and import it from there.`,
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
};

const config = [
  {
    ignores: [".next/**", "node_modules/**", ".fedlens/**", "lib/db/generated/**", "next-env.d.ts"],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  { files: ["app/**", "components/**", "lib/**"], ignores: ["lib/env.ts"], rules: noProcessEnv },
  { files: ["lib/**"], ignores: ["lib/clouds/*/adapter/**"], rules: sdkBoundaries },
  { files: ["app/**"], rules: uiBoundaries },
  { files: ["components/**"], rules: componentBoundaries },
  // The diagnose box posts the pasted token itself: a React Query mutation
  // would keep the token in its cache as the mutation's variables, and the
  // token must live only in the textarea (SECURITY.md 3.5).
  { files: ["components/diagnose/diagnose-panel.tsx"], rules: uiBoundaries },
  {
    files: ["components/**"],
    plugins: { fedlens: { rules: { "no-server-only-import": noServerOnlyImport } } },
    rules: { "fedlens/no-server-only-import": "error" },
  },
  {
    files: ["lib/federation/**", "lib/clouds/*/match/**", "lib/clouds/*/match.ts"],
    rules: pureBoundaries,
  },
];

export default config;
