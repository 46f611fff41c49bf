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
