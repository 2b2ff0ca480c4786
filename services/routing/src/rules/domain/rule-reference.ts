import type { RuleReference } from './rule-set-validation';

/** Builds the checks' reference from the taxonomy and the gazetteer (both plain data). */
export function ruleReference(
  taxonomy: RuleReference['leaves'],
  gazetteer: { areas: Array<{ code: string }>; departments?: Array<{ code: string }> },
): RuleReference {
  const bodies = new Set([...gazetteer.areas.map((a) => `area:${a.code}`), ...(gazetteer.departments ?? []).map((d) => `dept:${d.code}`)]);
  return { leaves: taxonomy, townCodes: gazetteer.areas.map((a) => a.code), isKnownBody: (code) => bodies.has(code) };
}
