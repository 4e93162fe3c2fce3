// Names are unique per table; a proposed row takes the first free one of
// "name", "name (2)", "name (3)"… so proposals never collide with the
// catalogue or with each other.

const maxNameLength = 120;

export class NameBook {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string>) {
    this.taken = new Set(taken);
  }

  claim(base: string): string {
    const trimmed = base.trim().slice(0, maxNameLength) || "imported";
    for (let n = 1; ; n += 1) {
      const suffix = n === 1 ? "" : ` (${n})`;
      const candidate = `${trimmed.slice(0, maxNameLength - suffix.length)}${suffix}`;
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
  }
}
