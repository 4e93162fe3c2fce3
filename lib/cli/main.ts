import { UsageError } from "@/lib/cli/args";
import * as auditVerify from "@/lib/cli/commands/audit-verify";
import * as evaluateCommand from "@/lib/cli/commands/evaluate";
import * as exchangeCommand from "@/lib/cli/commands/exchange";
import * as migrateCommand from "@/lib/cli/commands/migrate";
import * as reachCommand from "@/lib/cli/commands/reach";
import * as secretsKey from "@/lib/cli/commands/secrets-key";
import * as secretsRewrap from "@/lib/cli/commands/secrets-rewrap";
import * as seed from "@/lib/cli/commands/seed";
import * as serve from "@/lib/cli/commands/serve";
import * as syncCommand from "@/lib/cli/commands/sync";
import * as tokenCreate from "@/lib/cli/commands/token-create";
import * as userAdd from "@/lib/cli/commands/user-add";
import * as workerCommand from "@/lib/cli/commands/worker";
import { EnvError } from "@/lib/env";

type Command = { usage: string; run: (argv: string[]) => Promise<number> };

const commands: Record<string, Command> = {
  serve,
  migrate: migrateCommand,
  "user add": userAdd,
  "token create": tokenCreate,
  "audit verify": auditVerify,
  "secrets key": secretsKey,
  "secrets rewrap": secretsRewrap,
  evaluate: evaluateCommand,
  exchange: exchangeCommand,
  reach: reachCommand,
  seed,
  worker: workerCommand,
  sync: syncCommand,
};

function usageText(): string {
  return [
    "Usage: npm run fedlens -- <command> [options]",
    "",
    "Commands:",
    ...Object.values(commands).map((command) => `  ${command.usage}`),
  ].join("\n");
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  const two = argv.slice(0, 2).join(" ");
  if (commands[two]) return { command: commands[two], rest: argv.slice(2) };
  const one = argv[0] ?? "";
  if (commands[one]) return { command: commands[one], rest: argv.slice(1) };
  return null;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help") {
    console.log(usageText());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`Unknown command: ${argv.join(" ")}\n\n${usageText()}`);
    return 2;
  }
  try {
    return await found.command.run(found.rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\nUsage: npm run fedlens -- ${found.command.usage}`);
      return 2;
    }
    if (error instanceof EnvError || (error instanceof Error && error.name === "AppError")) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
