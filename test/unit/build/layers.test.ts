// The layers of src/ (docs/architecture.md): no import cycle between folders or between files, type
// imports included. ESLint keeps the rest (pure folders never import vscode; the page imports only
// its own files and the protocol types): see eslint.config.mjs.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const src = path.join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports and re-exports of a file, resolved to files under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)) {
    const spec = m[1] ?? m[2];
    const base = path.resolve(path.dirname(file), spec);
    const hit = [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => existsSync(c) && statSync(c).isFile());
    if (hit && hit.startsWith(src)) out.push(hit);
  }
  return out;
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 1);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 1) return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 2);
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return undefined;
}

describe('layers of src/', () => {
  const files = sourceFiles(src);
  const fileGraph = new Map(files.map((f) => [f, new Set(importsOf(f))]));
  const rel = (p: string) => path.relative(root, p);

  it('has no import cycle between files', () => {
    const cycle = findCycle(fileGraph);
    assert.equal(cycle?.map(rel).join(' -> '), undefined);
  });

  it('has no import cycle between folders (the composition root aside)', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, deps] of fileGraph) {
      if (file === path.join(src, 'extension.ts')) continue;
      const from = path.dirname(file);
      for (const dep of deps) {
        const to = path.dirname(dep);
        if (to === from) continue;
        if (!folders.has(from)) folders.set(from, new Set());
        folders.get(from)?.add(to);
      }
    }
    const cycle = findCycle(folders);
    assert.equal(cycle?.map(rel).join(' -> '), undefined);
  });
});
