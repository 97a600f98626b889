// A Windows PowerShell 5.1 syntax check for tests, without Windows: the source is parsed with tree-sitter-powershell
// (its WebAssembly build, shipped in the npm package, run by web-tree-sitter — nothing to compile, nothing to
// download), and refused when the parse has an ERROR or MISSING node or when a token exists only in PowerShell 7+.
// The grammar follows PowerShell 7, so it parses `a && b` and `-Parallel` without complaint; the token check is
// what keeps them out. Code inside verbatim strings, expandable strings without a subexpression and comments is not
// code, and is not checked.
//
//   import { checkPowerShell51 } from "@iisfleet/test/support/powershell-syntax.ts";
//   expect(checkPowerShell51(script)).toEqual({ ok: true, problems: [] });
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Language, type Node, Parser } from "web-tree-sitter";

export interface PowerShellProblem {
  /** 1-based, in the source given. */
  line: number;
  column: number;
  kind: "syntax" | "ps7-only";
  message: string;
  /** The offending text, at most 40 characters. */
  text: string;
}

export interface PowerShellCheck {
  ok: boolean;
  problems: PowerShellProblem[];
}

const wasm = join(dirname(createRequire(import.meta.url).resolve("tree-sitter-powershell/package.json")), "tree-sitter-powershell.wasm");
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(wasm));

/** Leaves that are data, not code. */
const NOT_CODE = new Set([
  "comment",
  "verbatim_string_characters",
  "verbatim_here_string_characters",
  "expandable_string_literal",
  "expandable_here_string_literal",
]);

/** Why a token (a leaf, or a command parameter) exists only in PowerShell 7+; undefined when it is fine in 5.1. */
function ps7Only(node: Node): string | undefined {
  if (node.type === "&&" || node.type === "||") return `pipeline chain operator ${node.type} (PowerShell 7)`;
  if (node.type === "command_parameter" && /^-Parallel(:|$)/i.test(node.text.trim())) return "ForEach-Object -Parallel (PowerShell 7)";
  // A grammar that learns these operators gives them their own tokens; `?` as a command (command_name) is
  // Where-Object's alias, valid in 5.1, and is not a leaf of these types.
  if (node.type === "??" || node.type === "??=") return "null-coalescing operator ?? / ??= (PowerShell 7)";
  if (node.type === "?." || node.type === "?[") return `null-conditional member access ${node.type} (PowerShell 7)`;
  if (node.type === "?") return "ternary operator ? : (PowerShell 7)";
  return undefined;
}

function ps7InError(text: string): string | undefined {
  if (/\?\?/.test(text)) return "null-coalescing operator ?? / ??= (PowerShell 7)";
  if (/\?[.[]/.test(text)) return "null-conditional member access ?. / ?[ (PowerShell 7)";
  if (/\?/.test(text)) return "ternary operator ? : (PowerShell 7)";
  return undefined;
}

function problemAt(node: Node, kind: PowerShellProblem["kind"], message: string): PowerShellProblem {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1, kind, message, text: node.text.slice(0, 40) };
}

/** Parses `source` as Windows PowerShell 5.1 would need it: no syntax error, no PowerShell-7-only token. */
export function checkPowerShell51(source: string): PowerShellCheck {
  const tree = parser.parse(source);
  if (!tree) return { ok: false, problems: [{ line: 1, column: 1, kind: "syntax", message: "the parser gave no tree", text: "" }] };
  const problems: PowerShellProblem[] = [];
  const visit = (node: Node): void => {
    if (node.isMissing) problems.push(problemAt(node, "syntax", `missing ${node.type}`));
    if (node.isError) {
      problems.push(problemAt(node, "syntax", "syntax error"));
      // The grammar has no rule for ?? ?. ?[ or the ternary, so they surface inside an ERROR: name them.
      const why = ps7InError(node.text + source.charAt(node.endIndex));
      if (why) problems.push(problemAt(node, "ps7-only", why));
      if (node.childCount === 0) return;
    }
    if (node.childCount === 0 || node.type === "command_parameter") {
      if (NOT_CODE.has(node.type)) return;
      const why = ps7Only(node);
      if (why) problems.push(problemAt(node, "ps7-only", why));
      return;
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  // Nested ERROR nodes can start at the same token: one report per place and reason.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.kind}:${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { ok: unique.length === 0, problems: unique };
}

/** One line per problem, for an assertion message. */
export function formatProblems(problems: readonly PowerShellProblem[]): string {
  return problems.map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message} near ${JSON.stringify(p.text)}`).join("\n");
}
