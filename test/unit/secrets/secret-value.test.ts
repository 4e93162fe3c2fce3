import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log/create-logger";
import { openSecret, sealSecret } from "@/lib/secrets/envelope";
import { buildMasterKeyring } from "@/lib/secrets/master-keyring";
import { SecretValue } from "@/lib/secrets/secret-value";

const canary = () => `canary-${randomBytes(12).toString("hex")}`;

/** Every line a logger writes, as the process would see them on stdout. */
function captureLogger() {
  const lines: string[] = [];
  const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
  return { logger, output: () => lines.join("") };
}

describe("SecretValue", () => {
  it("hands out its value only through reveal()", () => {
    const value = canary();
    expect(new SecretValue(value).reveal()).toBe(value);
  });

  it("prints a placeholder in JSON, inspect, template strings and string concatenation", () => {
    const value = canary();
    const secret = new SecretValue(value);
    const holder = { connection: { id: "c1", credential: secret, nested: [secret] } };
    const renderings = [
      JSON.stringify(secret),
      JSON.stringify(holder),
      inspect(secret),
      inspect(holder, { depth: 10 }),
      inspect(holder, { depth: 10, showHidden: true }),
      `${secret}`,
      String(secret),
      "value: " + secret,
      Object.keys(secret).join(),
    ];
    for (const rendering of renderings) expect(rendering).not.toContain(value);
    expect(`${secret}`).toBe("[secret]");
    expect(JSON.stringify(holder)).toContain('"credential":"[secret]"');
  });

  it("stays hidden in an error message built from it", () => {
    const value = canary();
    const error = new Error(`could not use ${new SecretValue(value)}`);
    expect(`${error.message}${error.stack}`).not.toContain(value);
  });
});

describe("the logger and secrets", () => {
  it("prints nothing of a SecretValue held by a logged object", () => {
    const value = canary();
    const { logger, output } = captureLogger();
    const secret = new SecretValue(value);
    logger.info(
      { connection: { id: "c1", credential: secret, list: [secret] } },
      `using ${secret}`,
    );
    expect(output()).toContain("c1");
    expect(output()).not.toContain(value);
  });

  it.each(["clientSecret", "secretAccessKey", "privateKey", "private_key", "client_secret"])(
    "redacts a plain string under the field name %s at any depth",
    (field) => {
      const value = canary();
      const { logger, output } = captureLogger();
      logger.info({ [field]: value, connection: { aws: { [field]: value } } }, "saved");
      logger.info({ request: { body: { credentials: { [field]: value } } } }, "saved");
      expect(output()).toContain("saved");
      expect(output()).not.toContain(value);
    },
  );

  it("prints nothing of the value when opening it fails and the error is logged", () => {
    const value = canary();
    const record = sealSecret(
      buildMasterKeyring(randomBytes(32).toString("base64"), []),
      value,
      "a",
    );
    const { logger, output } = captureLogger();
    try {
      openSecret(buildMasterKeyring(randomBytes(32).toString("base64"), []), record, "a");
    } catch (err) {
      logger.error({ err, record }, "open failed");
    }
    expect(output()).toContain("open failed");
    expect(output()).not.toContain(value);
  });
});
