import { posix } from "node:path";
import ts from "typescript";

/** One row of the layer table: a layer number (0 is the top) and the rooms it holds. */
export interface Layer {
  readonly layer: number;
  readonly name: string;
  /** A room is a folder under src/ ("engine/") or a single file ("config.ts"). */
  readonly rooms: readonly string[];
}

/**
 * A package that only some places may import (`only`), or that some places must not import (`not`).
 * Places are written like rooms, relative to src/: a folder ("channels/telegram/") or a file ("app.ts").
 */
export interface PackageRule {
  readonly packages: readonly string[];
  readonly only?: readonly string[];
  readonly not?: readonly string[];
  readonly why: string;
}

export interface SourceImports {
  /** Path from the repository root, "src/engine/tick.ts". */
  readonly file: string;
  /** Module specifiers as written: "../reports/chart.ts", "grammy". */
  readonly imports: readonly string[];
}

export interface Violation {
  /** "src/engine/x.ts -> src/reports/chart.ts" (or "-> grammy"): the key KNOWN_VIOLATIONS lists. */
  readonly key: string;
  readonly rule: string;
}

/**
 * Every module specifier the file mentions: static imports and re-exports (type-only included),
 * `import("…")` with a string literal, and `typeof import("…")` type queries. The compiler's parser
 * sees through comments and strings that would fool a regex.
 */
export function extractImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) found.push(first.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.push(literal.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push(expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

interface Room {
  readonly room: string;
  readonly layer: number;
}

/** The room holding a path under src/, or undefined when the table places it nowhere. */
export function roomOf(file: string, layers: readonly Layer[]): Room | undefined {
  for (const { layer, rooms } of layers) {
    const room = rooms.find((r) => isIn(file, r));
    if (room) return { room, layer };
  }
  return undefined;
}

/** Whether src/-relative `place` (a folder "x/" or a file "x.ts") holds the repository path `file`. */
function isIn(file: string, place: string): boolean {
  const path = `src/${place}`;
  return place.endsWith("/") ? file.startsWith(path) : file === path;
}

/** "grammy/types" → "grammy", "@grammyjs/auto-retry/x" → "@grammyjs/auto-retry". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

function packageMatches(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith("/*") ? name.startsWith(p.slice(0, -1)) : name === p));
}

function checkPackage(file: string, spec: string, rules: readonly PackageRule[]): Violation[] {
  const name = packageName(spec);
  const out: Violation[] = [];
  for (const rule of rules) {
    if (!packageMatches(name, rule.packages)) continue;
    const inside = (places: readonly string[]) => places.some((place) => isIn(file, place));
    const banned = rule.only ? !inside(rule.only) : inside(rule.not ?? []);
    if (banned) out.push({ key: `${file} -> ${spec}`, rule: `package ${name}: ${rule.why}` });
  }
  return out;
}

/** Finds every import against the direction of the layer table; see tests/architecture/imports.test.ts. */
export function checkImports(
  files: readonly SourceImports[],
  layers: readonly Layer[],
  packageRules: readonly PackageRule[],
): Violation[] {
  const violations: Violation[] = [];
  // Cross-room edges that point sideways (same layer): only these can close a cycle between rooms,
  // because every allowed edge points sideways or down.
  const sideways = new Map<string, Map<string, string[]>>();
  for (const { file, imports } of files) {
    const from = roomOf(file, layers);
    if (!from) {
      violations.push({ key: `${file}`, rule: "file is in no room: add its folder to the layer table" });
      continue;
    }
    for (const spec of imports) {
      if (!spec.startsWith(".")) {
        violations.push(...checkPackage(file, spec, packageRules));
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      const key = `${file} -> ${target}`;
      const to = roomOf(target, layers);
      if (!to) {
        violations.push({ key, rule: "imports a path in no room" });
      } else if (to.room === from.room) {
        // A room is free inside itself.
      } else if (to.layer < from.layer) {
        violations.push({
          key,
          rule: `layer ${from.layer} (${from.room}) imports upward into layer ${to.layer} (${to.room})`,
        });
      } else if (to.layer === from.layer) {
        const edges = sideways.get(from.room) ?? new Map<string, string[]>();
        sideways.set(from.room, edges);
        edges.set(to.room, [...(edges.get(to.room) ?? []), key]);
      }
    }
  }
  violations.push(...cycleViolations(sideways));
  return violations;
}

/** Every sideways edge that lies on a cycle of rooms, named with one cycle through it. */
function cycleViolations(edges: Map<string, Map<string, string[]>>): Violation[] {
  const out: Violation[] = [];
  for (const [from, targets] of edges) {
    for (const [to, keys] of targets) {
      const back = pathBetween(to, from, edges);
      if (!back) continue;
      const cycle = [from, ...back].join(" → ");
      for (const key of keys) out.push({ key, rule: `rooms of the same layer form a cycle: ${cycle}` });
    }
  }
  return out;
}

/** A room path start → … → goal along sideways edges, breadth first, or undefined. */
function pathBetween(
  start: string,
  goal: string,
  edges: Map<string, Map<string, string[]>>,
): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const room = queue.shift() as string;
    if (room === goal) {
      const path = [room];
      for (let at = room; previous.has(at); ) {
        at = previous.get(at) as string;
        path.unshift(at);
      }
      return path;
    }
    for (const next of edges.get(room)?.keys() ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, room);
      queue.push(next);
    }
  }
  return undefined;
}
