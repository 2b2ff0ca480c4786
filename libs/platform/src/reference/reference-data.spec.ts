import { loadGazetteer, loadTaxonomy, parseTaxonomy, responsibleBodyName } from './reference-data';

describe('reference data', () => {
  it('loads the real taxonomy with 15 first-level classes and 517 leaves', () => {
    const taxonomy = loadTaxonomy();
    expect(taxonomy).toHaveLength(517);
    expect(new Set(taxonomy.map((c) => c.level1)).size).toBe(15);
    expect(taxonomy[0]).toEqual({ id: 0, level1: '城乡建设', level2: '安全生产', level3: '事故处理' });
  });

  it('rejects a malformed taxonomy row', () => {
    expect(() => parseTaxonomy('id,level1,level2,level3\nx,a,b,c\n')).toThrow(/row 2/);
  });

  it('loads the gazetteer: 3 towns, 5 sub-districts and 2 zones', () => {
    const kinds = loadGazetteer().areas.map((a) => a.kind);
    expect(kinds.filter((k) => k === 'town')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'subdistrict')).toHaveLength(5);
    expect(kinds).toContain('development_zone');
    expect(kinds).toContain('industrial_zone');
  });

  it('names responsible bodies, towns and departments alike, and knows when it cannot', () => {
    const gazetteer = loadGazetteer();
    expect(responsibleBodyName(gazetteer, 'area:HX')).toBe('合心镇');
    expect(responsibleBodyName(gazetteer, 'dept:labour-inspection')).toBe('区劳动保障监察大队');
    expect(responsibleBodyName(gazetteer, 'dept:nowhere')).toBeUndefined();
    expect(responsibleBodyName(gazetteer, 'area:ZZ')).toBeUndefined();
    expect(responsibleBodyName(gazetteer, 'HX')).toBeUndefined();
  });
});
