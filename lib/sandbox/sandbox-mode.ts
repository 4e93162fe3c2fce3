// Whether the console runs the sandbox (issue 12 item 7): the demo estate
// served by the built-in cloud emulators. Pure, so the rule is tested alone.

export type SandboxSetting = "auto" | "on" | "off";

export type SandboxInputs = {
  setting: SandboxSetting;
  /** How `serve` reached its database (lib/cli/database.ts). */
  databaseKind: "postgres" | "embedded" | "embedded-shared";
  demoSeed: "auto" | "off";
  /** At least one of the demo catalogue's targets is in the database. */
  hasDemoCatalogue: boolean;
};

export type SandboxDecision = { enabled: boolean; reason: string };

/**
 * `on` runs it on any database. `auto` only on the embedded default that
 * loads the demo catalogue and still holds it: a Postgres server, a console
 * sharing another's embedded database, or a catalogue without the demo
 * targets is someone's own estate, which the sandbox must never touch.
 */
export function decideSandbox(inputs: SandboxInputs): SandboxDecision {
  if (inputs.setting === "off") return { enabled: false, reason: "FEDLENS_SANDBOX is off" };
  if (inputs.setting === "on") return { enabled: true, reason: "FEDLENS_SANDBOX is on" };
  if (inputs.databaseKind !== "embedded") {
    return { enabled: false, reason: "the database is not the embedded default" };
  }
  if (inputs.demoSeed !== "auto") return { enabled: false, reason: "FEDLENS_DEMO_SEED is off" };
  if (!inputs.hasDemoCatalogue) {
    return { enabled: false, reason: "the database does not hold the demo catalogue" };
  }
  return { enabled: true, reason: "the embedded database holds the demo catalogue" };
}
