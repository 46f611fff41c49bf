/**
 * The layers of DESIGN.md §1 are enforced by Biome (biome.json, `overrides`): schema/ imports
 * neither Node nor server/ nor apps-script/; apps-script/ imports neither Node nor server/;
 * server/ does not import apps-script/. A rule can stop working without anyone noticing (a
 * renamed folder, a glob that no longer matches, an upgrade that changes the options), so this
 * lints real files placed in each folder and checks that offending imports are refused, by the
 * expected rule, and that allowed ones pass.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');

type Layer = 'schema' | 'apps-script' | 'server';
const RESTRICTED = 'lint/style/noRestrictedImports';
const NODE_MODULES = 'lint/correctness/noNodejsModules';

interface Probe {
  layer: Layer;
  name: string;
  /** The file's text; it sits one folder below the layer, so `../../` is the repository. */
  source: string;
  /** The rules that must refuse it; empty for an allowed file. */
  rules: string[];
}

const PROBES: Probe[] = [
  {
    layer: 'schema',
    name: 'node-protocol',
    source: "import { readFileSync } from 'node:fs';\n\nexport const read = readFileSync;\n",
    rules: [RESTRICTED, NODE_MODULES],
  },
  {
    layer: 'schema',
    name: 'node-bare',
    source: "import { join } from 'path';\n\nexport const joined = join('a', 'b');\n",
    rules: [NODE_MODULES],
  },
  {
    // Types from Node are still Node: noNodejsModules lets type-only imports through.
    layer: 'schema',
    name: 'node-type',
    source:
      "import type { IncomingMessage } from 'node:http';\n\nexport type Request = IncomingMessage;\n",
    rules: [RESTRICTED],
  },
  {
    layer: 'schema',
    name: 'server',
    source: "import { withRetry } from '../../server/retry';\n\nexport const retry = withRetry;\n",
    rules: [RESTRICTED],
  },
  {
    layer: 'schema',
    name: 'apps-script',
    source: "export { withDocumentLock } from '../../apps-script/lock';\n",
    rules: [RESTRICTED],
  },
  {
    layer: 'apps-script',
    name: 'server',
    source:
      "import type { SnapshotCache } from '../../server/snapshot-cache';\n\nexport type Cache = SnapshotCache;\n",
    rules: [RESTRICTED],
  },
  {
    layer: 'apps-script',
    name: 'node',
    source: "import { createHash } from 'node:crypto';\n\nexport const hash = createHash;\n",
    rules: [RESTRICTED, NODE_MODULES],
  },
  {
    layer: 'server',
    name: 'apps-script',
    source: "import '../../apps-script/main';\n",
    rules: [RESTRICTED],
  },
  {
    layer: 'schema',
    name: 'allowed',
    source:
      "import { z } from 'zod';\nimport { TAB_NAMES } from '../layout';\nimport { ageInDays } from './serverless';\n\nexport const tabs = z.array(z.string()).parse(TAB_NAMES);\nexport const age = ageInDays;\n",
    rules: [],
  },
  {
    layer: 'apps-script',
    name: 'allowed',
    source:
      "import { TAB_NAMES } from '../../schema/layout';\nimport { withDocumentLock } from '../lock';\n\nexport const both = [TAB_NAMES, withDocumentLock];\n",
    rules: [],
  },
  {
    layer: 'server',
    name: 'allowed',
    source:
      "import { readFileSync } from 'node:fs';\nimport { TAB_NAMES } from '../../schema/layout';\nimport { withRetry } from '../retry';\n\nexport const all = [readFileSync, TAB_NAMES, withRetry];\n",
    rules: [],
  },
];

interface Diagnostic {
  severity: string;
  category: string;
  location: { path: string };
}

/**
 * Each layer gets a scratch folder whose name starts with a dot, so that `tsc -p` of that
 * layer (its `include` globs skip dot folders) never sees the offending files while they exist.
 */
const scratch = new Map<Layer, string>();
const files = new Map<Probe, string>();

beforeAll(() => {
  for (const layer of ['schema', 'apps-script', 'server'] as const) {
    scratch.set(layer, mkdtempSync(join(root, layer, '.layer-probe-')));
  }
  for (const probe of PROBES) {
    const file = join(scratch.get(probe.layer) as string, `${probe.name}.ts`);
    writeFileSync(file, probe.source);
    files.set(probe, relative(root, file));
  }
});
afterAll(() => {
  for (const directory of scratch.values()) rmSync(directory, { recursive: true, force: true });
});

/** Runs `biome lint` on the files; its exit status and every diagnostic, by file. */
function lint(paths: string[]): { ok: boolean; byFile: Map<string, Diagnostic[]> } {
  let ok = true;
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [biome, 'lint', '--reporter=json', '--max-diagnostics=none', ...paths],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    ok = false;
    output = String((error as { stdout?: string }).stdout);
  }
  const report = JSON.parse(output) as { diagnostics: Diagnostic[] };
  const byFile = new Map<string, Diagnostic[]>(paths.map((path) => [path, []]));
  for (const diagnostic of report.diagnostics) {
    byFile.get(diagnostic.location.path.replaceAll('\\', '/'))?.push(diagnostic);
  }
  return { ok, byFile };
}

const refused = PROBES.filter((probe) => probe.rules.length > 0);
const allowed = PROBES.filter((probe) => probe.rules.length === 0);

describe('layers (DESIGN.md §1) are enforced by biome lint', () => {
  // One biome run for all the offending files, one for all the allowed ones: each run costs
  // more than linting a handful of small files.
  let refusedRun: ReturnType<typeof lint>;
  let allowedRun: ReturnType<typeof lint>;
  beforeAll(() => {
    refusedRun = lint(refused.map((probe) => files.get(probe) as string));
    allowedRun = lint(allowed.map((probe) => files.get(probe) as string));
  });

  it('fails on offending imports', () => {
    expect(refusedRun.ok).toBe(false);
  });

  it.each(refused.map((probe) => [`${probe.layer}/ ${probe.name}`, probe] as const))(
    'refuses %s',
    (_, probe) => {
      const errors = (refusedRun.byFile.get(files.get(probe) as string) ?? []).filter(
        (diagnostic) => diagnostic.severity === 'error',
      );
      expect([...new Set(errors.map((diagnostic) => diagnostic.category))].sort()).toEqual(
        [...probe.rules].sort(),
      );
    },
  );

  it('passes the imports each layer may make', () => {
    const found = [...allowedRun.byFile].filter(([, diagnostics]) => diagnostics.length > 0);
    expect(found).toEqual([]);
    expect(allowedRun.ok).toBe(true);
  });
});
