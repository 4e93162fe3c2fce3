import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// No two modules import each other, even for a type, directly or round a
// longer loop: a type both sides need goes into a leaf file of its own.
// (import/no-cycle skips `import type`, so this is a test, not a lint rule.)

const root = path.resolve(import.meta.dirname, "../../..");
const skipped = new Set(["node_modules", ".next", "generated"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

function resolveImport(specifier: string, from: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.join(path.dirname(from), specifier);
  else return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")];
  return (
    candidates.find((file) => /\.tsx?$/.test(file) && fs.existsSync(path.join(root, file))) ?? null
  );
}

function importGraph(): Map<string, string[]> {
  const files = ["app", "components", "lib"].flatMap(sourceFiles);
  return new Map(
    files.map((file) => {
      const source = fs.readFileSync(path.join(root, file), "utf8");
      const imports = ts.preProcessFile(source, true, true).importedFiles;
      const targets = imports.flatMap(({ fileName }) => resolveImport(fileName, file) ?? []);
      return [file, [...new Set(targets)]];
    }),
  );
}

/** Strongly connected components with more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe("module imports", () => {
  it("form no cycle in app/, components/ or lib/, type imports included", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(300);
    expect(cycles(graph)).toEqual([]);
  });
});
