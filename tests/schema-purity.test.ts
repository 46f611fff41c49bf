import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// schema/ is bundled into Apps Script, which has no Node and no DOM. Its tsconfig allows only
// the ECMAScript library; this proves the type checker really refuses the others. Globals are
// only visible to the type checker; imports between layers are also refused by Biome, which
// tests/layers.test.ts proves.
const root = join(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const scratch = mkdtempSync(join(root, 'schema', '.purity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function typecheckInSchema(source: string): string {
  const file = join(scratch, 'probe.ts');
  writeFileSync(file, source);
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      extends: relative(scratch, join(root, 'schema', 'tsconfig.json')),
      include: ['probe.ts'],
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', join(scratch, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

describe('schema/ stays pure TypeScript', () => {
  it('accepts ECMAScript code', () => {
    expect(typecheckInSchema('export const x: number[] = [1, 2].map((n) => n * 2);\n')).toBe('');
  });

  it('refuses Node globals and modules', () => {
    const output = typecheckInSchema(
      "import { readFileSync } from 'node:fs';\nexport const env = process.env;\nexport const read = readFileSync;\n",
    );
    expect(output).toContain("Cannot find name 'process'");
    expect(output).toContain("'node:fs'");
  });

  it('refuses DOM and Apps Script globals', () => {
    const output = typecheckInSchema(
      'export const a = document.title;\nexport const b = SpreadsheetApp.getActive();\nexport const c = new URL("x");\n',
    );
    expect(output).toContain("Cannot find name 'document'");
    expect(output).toContain("Cannot find name 'SpreadsheetApp'");
    expect(output).toContain("Cannot find name 'URL'");
  });
});
