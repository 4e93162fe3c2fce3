import { z } from "zod";

// ARM names of the shape `^[a-zA-Z0-9][a-zA-Z0-9_-]{min-1,max-1}$`, with one
// operator message per way to miss it instead of the bare regex.

const allowed = /^[a-zA-Z0-9_-]$/;
const alphanumeric = /^[a-zA-Z0-9]$/;

/** Names a character for a message without echoing the rest of the input. */
export function describeCharacter(character: string): string {
  if (character === " ") return "a space";
  if (/\s/.test(character)) return "a line break or tab";
  return `'${character}'`;
}

export function armNameSchema({ min, max, cloud }: { min: number; max: number; cloud: string }) {
  return z.string({ message: "is required" }).superRefine((value, ctx) => {
    if (value === "") {
      ctx.addIssue({ code: "custom", message: "is required" });
      return;
    }
    if (value.length < min) {
      ctx.addIssue({ code: "custom", message: `must be at least ${min} characters` });
    }
    if (value.length > max) {
      ctx.addIssue({ code: "custom", message: `must be at most ${max} characters` });
    }
    const characters = Array.from(value);
    const first = characters[0] ?? "";
    if (!alphanumeric.test(first)) {
      ctx.addIssue({
        code: "custom",
        message: `must start with a letter or digit: ${cloud} refuses names that start with ${describeCharacter(first)}`,
      });
    }
    const bad = characters.slice(1).find((character) => !allowed.test(character));
    if (bad !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `may contain only letters, digits, '-' and '_' (found ${describeCharacter(bad)})`,
      });
    }
  });
}
