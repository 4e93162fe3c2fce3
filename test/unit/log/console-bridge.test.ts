// Next.js's own log lines go through the Fedlens logger (issue 10 item 8):
// one JSON line per console call or write, scrubbed, stack traces inside.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bridgeConsole, bridgeStream, type ConsoleLike } from "@/lib/log/console-bridge";
import { createLogger } from "@/lib/log/create-logger";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** A token made up per run: nothing real-looking is committed. */
const canaryJwt = () =>
  `${b64({ alg: "RS256", kid: "k" })}.${b64({ sub: `canary-${randomBytes(4).toString("hex")}` })}.${randomBytes(32).toString("base64url")}`;

function capture() {
  const lines: string[] = [];
  const logger = createLogger("debug", { write: (line: string) => void lines.push(line) });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, logger, records };
}

function silentConsole(): ConsoleLike & { plain: unknown[][] } {
  const plain: unknown[][] = [];
  const print = (...args: unknown[]) => void plain.push(args);
  return {
    plain,
    debug: print,
    trace: print,
    log: print,
    info: print,
    dir: print,
    warn: print,
    error: print,
  };
}

describe("bridgeConsole", () => {
  it("turns an error with a token, a Bearer header and a multi-line stack into one scrubbed JSON line", () => {
    const { lines, logger, records } = capture();
    const target = silentConsole();
    const undo = bridgeConsole(target, logger);
    const jwt = canaryJwt();
    const bearer = `Bearer ${randomBytes(12).toString("hex")}`;
    const error = new Error(`upstream refused ${jwt}`);

    target.error(
      "\u001b[31m⨯\u001b[39m request failed",
      { headers: { authorization: bearer, cookie: "next-auth.session-token=abc", accept: "*/*" } },
      error,
      `retry with ${bearer}`,
    );
    undo();

    expect(lines).toHaveLength(1);
    expect(lines[0]?.trimEnd()).not.toContain("\n");
    expect(lines[0]).not.toContain(jwt);
    expect(lines[0]).not.toContain(bearer);
    expect(lines[0]).not.toContain("session-token=abc");
    const [record] = records();
    expect(record).toMatchObject({ level: 50, service: "fedlens" });
    expect(record?.msg).toMatch(
      /^⨯ request failed \{[\s\S]*accept: '\*\/\*'[\s\S]*\} retry with Bearer \[redacted\]$/,
    );
    const err = record?.err as { type: string; message: string; stack: string };
    expect(err.message).toBe("upstream refused [jwt]");
    expect(err.stack.split("\n").length).toBeGreaterThan(2);
    expect(err.stack).toContain("upstream refused [jwt]");
    expect(target.plain).toEqual([]);
  });

  it("maps each console method to a level and restores the originals", () => {
    const { records, logger } = capture();
    const target = silentConsole();
    const originalLog = target.log;
    const undo = bridgeConsole(target, logger);
    target.debug("d");
    target.log("l %d", 1);
    target.info("i");
    target.warn("w");
    target.error(new Error("only an error"));
    undo();
    expect(records().map((record) => [record.level, record.msg])).toEqual([
      [20, "d"],
      [30, "l 1"],
      [30, "i"],
      [40, "w"],
      [50, "only an error"],
    ]);
    expect(target.log).toBe(originalLog);
  });
});

describe("bridgeStream", () => {
  it("makes each write one record, holds back a partial line, and scrubs it", () => {
    const { records, logger } = capture();
    const written: unknown[] = [];
    const stream = { write: (chunk: unknown) => written.push(chunk) > 0 };
    const undo = bridgeStream(stream, logger, "info");
    const jwt = canaryJwt();
    stream.write(" GET /api/v1/diagnose 200 in 12ms\n" as never);
    stream.write(`Error: bad ${jwt}\n    at one (a.js:1:1)\n    at two (b.js:2:2)\n` as never);
    stream.write("half a " as never);
    const euro = Buffer.from("line €\n");
    stream.write(euro.subarray(0, 7) as never);
    stream.write(euro.subarray(7) as never);
    undo();
    expect(records().map((record) => record.msg)).toEqual([
      "GET /api/v1/diagnose 200 in 12ms",
      "Error: bad [jwt]\n    at one (a.js:1:1)\n    at two (b.js:2:2)",
      "half a line €",
    ]);
    expect(written).toEqual([]);
  });
});
