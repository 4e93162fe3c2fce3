// A secret in memory that cannot leak by accident (SECURITY.md 3.8): string
// conversion, JSON and Node's inspector all print a placeholder; only an
// explicit reveal() hands out the value. No server-only guard: it is pure
// and holds no key material.

const placeholder = "[secret]";
// Node's util.inspect.custom, spelt via the global registry so this file
// needs no node:util import.
const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself: call it only where it is handed to a cloud SDK. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return placeholder;
  }

  toJSON(): string {
    return placeholder;
  }

  [Symbol.toPrimitive](): string {
    return placeholder;
  }

  [inspectCustom](): string {
    return placeholder;
  }
}
