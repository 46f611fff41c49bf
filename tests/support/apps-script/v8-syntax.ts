/**
 * Finds syntax in a script that Apps Script's V8 runtime rejects, or that is newer than the
 * ES2020 the build targets (so esbuild should have lowered it). Apps Script refuses the whole
 * file over one such line, which takes every menu item down, and Node runs it happily, so the
 * vm-based tests would never notice. Parsed with TypeScript's parser (a dev dependency already)
 * rather than matched with regular expressions, so strings and comments cannot confuse it.
 * (Whether the file parses at all is checked by compiling it: tests/support/apps-script/bundle.ts.)
 */
import ts from 'typescript';

export interface SyntaxFinding {
  /** 1-based line in the script. */
  readonly line: number;
  readonly what: string;
  readonly text: string;
}

const LOGICAL_ASSIGNMENTS = new Set([
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

function whatIsUnsupported(node: ts.Node): string | null {
  if (ts.isPropertyDeclaration(node)) {
    const isStatic = node.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.StaticKeyword);
    return isStatic ? 'static class field' : 'class field';
  }
  if (ts.isClassStaticBlockDeclaration(node)) return 'class static block';
  if (ts.isPrivateIdentifier(node)) return '#private member';
  if (ts.isBinaryExpression(node) && LOGICAL_ASSIGNMENTS.has(node.operatorToken.kind)) {
    return 'logical assignment (ES2021)';
  }
  if ((ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) && node.getText().includes('_')) {
    return 'numeric separator (ES2021)';
  }
  return null;
}

export function unsupportedSyntax(code: string, fileName = 'Code.js'): SyntaxFinding[] {
  const source = ts.createSourceFile(
    fileName,
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  );
  const findings: SyntaxFinding[] = [];
  const visit = (node: ts.Node): void => {
    const what = whatIsUnsupported(node);
    if (what) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      findings.push({ line: line + 1, what, text: node.getText(source).split('\n')[0] ?? '' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/**
 * Uses of names that exist in a browser or Node but not in Apps Script (`window.x`,
 * `document.x`, `fetch(...)`, `require(...)`), as free variables of the code: a dialog's own
 * script inside an HTML string is text the browser runs, not the bundle's code, and a local
 * variable that happens to be called `document` (an easy-read pack's) is not the browser's.
 */
export function hostGlobalsUsed(code: string, names: readonly string[]): SyntaxFinding[] {
  const wanted = new Set(names);
  const source = ts.createSourceFile(
    'Code.js',
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  );
  const findings: SyntaxFinding[] = [];
  const visit = (node: ts.Node, scopes: readonly Set<string>[]): void => {
    const inner = createsScope(node) ? [...scopes, declaredIn(node)] : scopes;
    if (ts.isIdentifier(node) && wanted.has(node.text) && isReference(node)) {
      if (!inner.some((scope) => scope.has(node.text))) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        findings.push({
          line: line + 1,
          what: node.text,
          text: node.parent.getText(source).slice(0, 80),
        });
      }
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source, []);
  return findings;
}

function createsScope(node: ts.Node): boolean {
  return (
    ts.isSourceFile(node) ||
    ts.isFunctionLike(node) ||
    ts.isBlock(node) ||
    ts.isCatchClause(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node)
  );
}

/** The names a scope declares itself (parameters, variables, functions, classes), not nested ones. */
function declaredIn(scope: ts.Node): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else
      for (const element of name.elements)
        if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  if (ts.isFunctionLike(scope)) {
    for (const parameter of scope.parameters) addBinding(parameter.name);
    if (scope.name && ts.isIdentifier(scope.name)) names.add(scope.name.text);
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration)
    addBinding(scope.variableDeclaration.name);
  const walk = (node: ts.Node): void => {
    if (node !== scope && ts.isFunctionLike(node)) {
      if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name)
        names.add(node.name.text);
      return;
    }
    if (ts.isVariableDeclaration(node)) addBinding(node.name);
    if (ts.isClassDeclaration(node) && node.name) names.add(node.name.text);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(scope, walk);
  return names;
}

function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent)) &&
    parent.name === node
  )
    return false;
  return true;
}
