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

/** Channels through which a petition reaches the centre (信访工作条例 art. 17). */
export const CHANNELS = ['visit', 'letter', 'phone', 'fax', 'online', 'transferred'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Item classes (art. 29-31): suggestion/opinion, accusation, appeal/demand. */
export const ITEM_CLASSES = ['suggestion', 'accusation', 'appeal'] as const;
export type ItemClass = (typeof ITEM_CLASSES)[number];
