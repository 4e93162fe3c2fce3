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
];

export default config;
