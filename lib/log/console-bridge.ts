// Next.js writes its own errors, warnings and (in dev) request logs as plain,
// often multi-line text through console.* and process.stdout/stderr, echoing
// whatever an error carries: header values, a pasted token. The bridge sends
// all of it through the Fedlens logger instead (SECURITY.md 3.10), so every
// line the server prints is one JSON record, scrubbed, with stack traces
// kept inside it. Forked workers (Next's dev workers) pipe their output into
// this process's streams, so it is caught there too.
import { StringDecoder } from "node:string_decoder";
import { format, stripVTControlCharacters, types } from "node:util";
import type pino from "pino";
import { scrubValue } from "@/lib/log/scrub";

type Level = "debug" | "info" | "warn" | "error";

const consoleLevels = {
  debug: "debug",
  trace: "debug",
  log: "info",
  info: "info",
  dir: "info",
  warn: "warn",
  error: "error",
} as const satisfies Record<string, Level>;

export type ConsoleLike = Record<keyof typeof consoleLevels, (...args: unknown[]) => void>;
export type WritableLike = { write: (...args: never[]) => boolean };

const isError = (value: unknown): value is Error =>
  value instanceof Error || types.isNativeError(value);

/** One console call as a record: the first Error as `err`, the rest as the message. */
export function consoleRecord(args: unknown[]): { err?: Error; msg: string } {
  const err = args.find(isError);
  const rest = args
    .filter((arg) => arg !== err)
    // Objects are scrubbed before they are printed, so a `cookie` or
    // `authorization` key is gone before util.inspect can show it.
    .map((arg) => (typeof arg === "object" && arg !== null ? scrubValue(arg) : arg));
  const msg = stripVTControlCharacters(format(...rest)).trim();
  return err ? { err, msg: msg || err.message } : { msg };
}

/** Replaces the console methods of `target` with logger calls; returns the undo. */
export function bridgeConsole(target: ConsoleLike, logger: pino.Logger): () => void {
  const originals = { ...target };
  let busy = false;
  for (const [name, level] of Object.entries(consoleLevels) as [keyof ConsoleLike, Level][]) {
    target[name] = (...args: unknown[]) => {
      // Should logging itself call console, don't recurse: the original
      // console writes to the (bridged) stream instead.
      if (busy) return originals[name](...args);
      busy = true;
      try {
        // console.dir's second argument is inspect options, not something to print.
        const { err, msg } = consoleRecord(name === "dir" ? args.slice(0, 1) : args);
        const stack = name === "trace" ? { stack: new Error("trace").stack } : {};
        logger[level]({ ...(err ? { err } : {}), ...stack }, msg);
      } finally {
        busy = false;
      }
    };
  }
  return () => Object.assign(target, originals);
}

/**
 * Replaces `stream.write` so that what is written becomes log records: one
 * per write, holding back a trailing partial line until its newline arrives.
 */
export function bridgeStream(stream: WritableLike, logger: pino.Logger, level: Level) {
  const original = stream.write;
  const decoder = new StringDecoder("utf8");
  let pending = "";
  const write = (chunk: unknown, encoding?: unknown, callback?: unknown) => {
    const done = typeof encoding === "function" ? encoding : callback;
    pending += typeof chunk === "string" ? chunk : decoder.write(Buffer.from(chunk as Uint8Array));
    const end = pending.lastIndexOf("\n");
    if (end >= 0) {
      const text = stripVTControlCharacters(pending.slice(0, end)).trim();
      pending = pending.slice(end + 1);
      if (text) logger[level](text);
    }
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  };
  stream.write = write as WritableLike["write"];
  return () => {
    stream.write = original;
  };
}

/** Bridges this process's console, stdout and stderr; returns the undo. */
export function installLogBridge(logger: pino.Logger): () => void {
  const undo = [
    bridgeConsole(console as unknown as ConsoleLike, logger.child({ from: "console" })),
    bridgeStream(process.stdout, logger.child({ from: "stdout" }), "info"),
    bridgeStream(process.stderr, logger.child({ from: "stderr" }), "warn"),
  ];
  return () => undo.forEach((restore) => restore());
}
