/**
 * The easy-read pictures module is generated (issue 14 item 4): schema/ cannot read files, so
 * scripts/generate-easy-read-pictures.ts copies the drawings it uses from the installed
 * `@tabler/icons` into schema/packs/pictures.generated.ts. This fails when the committed module
 * is not what the generator writes now, so nobody edits it by hand and a package update is not
 * missed. To fix: `npm run pictures:generate`, then read the diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PICTURE_DRAWINGS, PICTURE_SOURCE } from '../schema/packs/pictures.generated';
import {
  drawingOf,
  installedPackage,
  PICTURE_FILES,
  PICTURES_MODULE_PATH,
  picturesModule,
} from '../scripts/generate-easy-read-pictures';

const ROOT = join(import.meta.dirname, '..');

describe('the generated pictures module', () => {
  it('is exactly what the generator writes from the installed package', () => {
    expect(readFileSync(PICTURES_MODULE_PATH, 'utf8')).toBe(picturesModule(installedPackage));
  });

  it('comes from an MIT-licensed devDependency, with its copyright for the credit line', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.devDependencies['@tabler/icons']).toMatch(/^\^?3\./);
    expect(manifest.dependencies?.['@tabler/icons']).toBeUndefined();
    const installed = JSON.parse(installedPackage.read('package.json'));
    expect(installed.license).toBe('MIT');
    expect(PICTURE_SOURCE).toMatchObject({ licence: 'MIT', version: installed.version });
    expect(installedPackage.read('LICENSE')).toContain(`Copyright (c) ${PICTURE_SOURCE.copyright}`);
  });

  it('holds only plain shapes: no scripts, links, styles or IDs that could clash in a page', () => {
    expect(Object.keys(PICTURE_DRAWINGS)).toEqual(Object.keys(PICTURE_FILES));
    for (const drawing of Object.values(PICTURE_DRAWINGS)) {
      expect(drawing).toMatch(/^(<(path|circle|rect|line|polyline|polygon|ellipse) [^<>]*\/>)+$/);
      expect(drawing).not.toMatch(/\b(id|href|style|on\w+)=|<script/i);
    }
  });

  it('leaves out the invisible frame every Tabler icon starts with', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <path stroke="none" d="M0 0h24v24H0z" fill="none" />\n  <circle cx="12" cy="12" r="9" />\n</svg>';
    expect(drawingOf(svg, 'test')).toBe('<circle cx="12" cy="12" r="9"/>');
    expect(() => drawingOf('<p>not svg</p>', 'test')).toThrow('test is not an SVG');
  });
});
