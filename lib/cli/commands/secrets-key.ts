import path from "node:path";
import { parseArgs } from "@/lib/cli/args";
import { getEnv } from "@/lib/env";
import { loadSecretKeyring, resolveSecretKey } from "@/lib/secrets/load-secret-keyring";

// Where the master key of stored cloud secrets lives and how to keep it.
// The key itself is printed only with --show: a terminal's scrollback, a CI
// log or a support ticket outlives the moment, and the file path is all a
// backup needs. --show exists to move a generated key into a secret manager
// (as FEDLENS_SECRET_KEY), which needs the value once.

export const usage =
  "secrets key [--show]             where the master key of stored cloud secrets lives, how to back it up (--show prints it)";

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { show: "boolean" });
  const env = getEnv();
  const keyring = await loadSecretKeyring(env);
  const previous = keyring.byId.size - 1;
  const lines = env.FEDLENS_SECRET_KEY
    ? [
        `The master key comes from FEDLENS_SECRET_KEY (key id ${keyring.current.id}).`,
        "Back it up wherever that variable is kept (a secret manager), apart from database backups:",
        "without it, the cloud secrets stored with connections cannot be opened.",
      ]
    : [
        `The master key is generated from ${path.join(path.resolve(env.FEDLENS_DATA_DIR), "secret-key")} (key id ${keyring.current.id}).`,
        "Back up that file, apart from database backups: without it, the cloud secrets stored",
        "with connections cannot be opened. To manage the key yourself, run this with --show",
        "and set the value as FEDLENS_SECRET_KEY.",
      ];
  lines.push(
    `${previous} previous ${previous === 1 ? "key is" : "keys are"} configured (FEDLENS_SECRET_PREVIOUS_KEYS).`,
    "To rotate: set the new key as FEDLENS_SECRET_KEY, the old one in FEDLENS_SECRET_PREVIOUS_KEYS,",
    "restart (or run `npm run fedlens -- secrets rewrap`), then remove the old key.",
  );
  console.log(lines.join("\n"));
  if (args.flags.show) console.log(`\nFEDLENS_SECRET_KEY=${await resolveSecretKey(env)}`);
  return 0;
}
