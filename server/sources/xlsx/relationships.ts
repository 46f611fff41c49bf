/** Package structure: relationships between parts, part names, and finding the workbook part. */

import { notAWorkbook, SAVE_AS_XLSX_ADVICE } from './errors';
import type { ZipPackage } from './package';
import { decodeXmlEntities, walkXml } from './xml';

// ---------------------------------------------------------------------------------------------
// Package structure: relationships

export interface Relationship {
  type: string;
  /** Resolved part name inside the zip, e.g. `xl/worksheets/sheet1.xml`. */
  target: string;
}

/** Reads the relationships of a part (`''` for the package root), keyed by relationship id. */
export function readRelationships(pkg: ZipPackage, sourcePart: string): Map<string, Relationship> {
  const relationships = new Map<string, Relationship>();
  const folder = folderOf(sourcePart);
  const relsPath = `${folder}_rels/${sourcePart.slice(folder.length)}.rels`;
  const part = pkg.readIfPresent(relsPath);
  if (!part) return relationships;

  walkXml(part, relsPath, {
    onOpen(name, attributes) {
      if (name !== 'Relationship') return;
      const { Id: id, Type: type, Target: target, TargetMode: mode } = attributes();
      if (!id || !type || !target || mode === 'External') return;
      relationships.set(decodeXmlEntities(id), {
        type: decodeXmlEntities(type),
        target: resolvePartName(folder, decodeXmlEntities(target)),
      });
    },
    onClose() {},
    onText() {},
  });
  return relationships;
}

/** The part a relationship points to, if the package has it. */
export function relatedPartName(
  pkg: ZipPackage,
  relationship: Relationship | undefined,
): string | undefined {
  return relationship && pkg.has(relationship.target) ? relationship.target : undefined;
}

/** Finds a relationship by the last segment of its type URI, which is the same in both the
 * transitional and strict OOXML namespaces. */
export function relationshipOfType(
  relationships: ReadonlyMap<string, Relationship>,
  typeName: string,
): Relationship | undefined {
  for (const relationship of relationships.values()) {
    if (relationship.type.endsWith(`/${typeName}`)) return relationship;
  }
  return undefined;
}

/** `xl/workbook.xml` -> `xl/`; the package root is `''`. */
function folderOf(partName: string): string {
  return partName.slice(0, partName.lastIndexOf('/') + 1);
}

/** Resolves a relationship target, relative (`worksheets/sheet1.xml`, `../x.xml`) or absolute
 * (`/xl/worksheets/sheet1.xml`), against the folder of the part that declared it. */
function resolvePartName(folder: string, target: string): string {
  const path = target.replace(/\\/g, '/');
  const joined = path.startsWith('/') ? path : folder + path;
  const segments: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

// ---------------------------------------------------------------------------------------------
// The workbook part

/** Recognises other zip-based formats people save by mistake, to say what to do instead. */
const OTHER_ZIP_FORMATS: readonly { marker: string; description: string }[] = [
  { marker: 'xl/workbook.bin', description: 'an Excel Binary Workbook (.xlsb)' },
  { marker: 'content.xml', description: 'an OpenDocument spreadsheet (.ods)' },
  { marker: 'word/document.xml', description: 'a Word document' },
  { marker: 'ppt/presentation.xml', description: 'a PowerPoint presentation' },
];

export function findWorkbookPath(pkg: ZipPackage): string {
  // The package's root relationships name the main part; xl/workbook.xml is the usual place.
  const rootRelationships = readRelationships(pkg, '');
  const declared = relationshipOfType(rootRelationships, 'officeDocument')?.target;
  const candidates = declared ? [declared, 'xl/workbook.xml'] : ['xl/workbook.xml'];
  const found = candidates.find((path) => path.endsWith('.xml') && pkg.has(path));
  if (found) return found;

  const openDocument = openDocumentKind(pkg);
  if (openDocument) throw notAWorkbook(`it is ${openDocument}. ${SAVE_AS_XLSX_ADVICE}`);
  const other = OTHER_ZIP_FORMATS.find((format) => pkg.has(format.marker));
  if (other) throw notAWorkbook(`it is ${other.description}. ${SAVE_AS_XLSX_ADVICE}`);
  throw notAWorkbook(`it is a zip archive with no spreadsheet inside. ${SAVE_AS_XLSX_ADVICE}`);
}

/**
 * OpenDocument files (LibreOffice's own formats) name their kind in a `mimetype` part; a
 * spreadsheet is the one an officer most likely meant to send.
 */
function openDocumentKind(pkg: ZipPackage): string | undefined {
  if (!pkg.has('mimetype')) return undefined;
  const mimetype = new TextDecoder().decode(pkg.read('mimetype')).trim();
  if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet') {
    return 'an OpenDocument spreadsheet (.ods), as LibreOffice saves by default';
  }
  if (mimetype === 'application/vnd.oasis.opendocument.text') {
    return 'an OpenDocument text document (.odt)';
  }
  return undefined;
}
