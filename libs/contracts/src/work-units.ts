/** The seven work units of the processing system (domain.md §2). */
export const WORK_UNITS = [
  'AGRI_LAND',
  'URBAN_ENV',
  'ENTERPRISE',
  'LABOUR',
  'MEDIATION_LEGAL',
  'HOTLINE',
  'REVIEW',
] as const;
export type WorkUnit = (typeof WORK_UNITS)[number];

/** The work units' names as the centre prints them (domain.md §2). */
export const WORK_UNIT_NAMES: Readonly<Record<WorkUnit, string>> = Object.freeze({
  AGRI_LAND: '农业土地工作单元',
  URBAN_ENV: '城建环保工作单元',
  ENTERPRISE: '企业职工工作单元',
  LABOUR: '劳动保障工作单元',
  MEDIATION_LEGAL: '民调和法律援助工作单元',
  HOTLINE: '公开电话工作单元',
  REVIEW: '复查复核工作单元',
});

/** Channels through which a petition reaches the centre (信访工作条例 art. 17). */
export const CHANNELS = ['visit', 'letter', 'phone', 'fax', 'online', 'transferred'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Item classes (art. 29-31): suggestion/opinion, accusation, appeal/demand. */
export const ITEM_CLASSES = ['suggestion', 'accusation', 'appeal'] as const;
export type ItemClass = (typeof ITEM_CLASSES)[number];
