import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface TaxonomyClass {
  id: number;
  level1: string;
  level2: string;
  level3: string;
}

export interface GazetteerArea {
  code: string;
  name: string;
  kind: 'town' | 'subdistrict' | 'development_zone' | 'industrial_zone';
}

/** A district department that can be a responsible body (`dept:<code>`). */
export interface GazetteerDepartment {
  code: string;
  name: string;
}

export interface Gazetteer {
  district: { code: string; name: string };
  areas: GazetteerArea[];
  departments?: GazetteerDepartment[];
}

/**
 * The printable name of a responsible body: a town or sub-district (`area:<code>`) or a
 * department (`dept:<code>`) by its name in the gazetteer; undefined for a code it does not know.
 */
export function responsibleBodyName(gazetteer: Gazetteer, code: string): string | undefined {
  const [kind, key] = code.split(':', 2);
  if (kind === 'area') return gazetteer.areas.find((a) => a.code === key)?.name;
  if (kind === 'dept') return gazetteer.departments?.find((d) => d.code === key)?.name;
  return undefined;
}

/**
 * Finds the reference-data folder: `REFERENCE_DATA_DIR` when set, else `data/reference`
 * in the nearest ancestor of this file (works from sources, builds and container images).
 */
export function referenceDataDir(env: Record<string, string | undefined> = process.env): string {
  if (env['REFERENCE_DATA_DIR']) return resolve(env['REFERENCE_DATA_DIR']);
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'data', 'reference');
    if (existsSync(join(candidate, 'complaint-taxonomy.csv'))) return candidate;
    if (dirname(dir) === dir) throw new Error('Reference data not found; set REFERENCE_DATA_DIR');
  }
}

/** Parses the taxonomy CSV (`id,level1,level2,level3`, no quoted fields). */
export function parseTaxonomy(csv: string): TaxonomyClass[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (header?.trim() !== 'id,level1,level2,level3') throw new Error('Unexpected taxonomy header');
  return rows.map((line, index) => {
    const [id, level1, level2, level3] = line.split(',').map((s) => s.trim());
    if (!id || !level1 || !level2 || !level3 || !/^\d+$/.test(id)) {
      throw new Error(`Bad taxonomy row ${index + 2}: ${line}`);
    }
    return { id: Number(id), level1, level2, level3 };
  });
}

export function loadTaxonomy(dir = referenceDataDir()): TaxonomyClass[] {
  return parseTaxonomy(readFileSync(join(dir, 'complaint-taxonomy.csv'), 'utf8'));
}

export function loadGazetteer(dir = referenceDataDir()): Gazetteer {
  const gazetteer = JSON.parse(readFileSync(join(dir, 'gazetteer.json'), 'utf8')) as Gazetteer;
  if (!gazetteer.district?.code || !Array.isArray(gazetteer.areas) || gazetteer.areas.length === 0) {
    throw new Error('gazetteer.json needs a district code and at least one area');
  }
  return gazetteer;
}
