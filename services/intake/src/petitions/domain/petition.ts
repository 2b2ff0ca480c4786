import { randomInt } from 'node:crypto';
import type { Channel, ItemClass } from '@pdmc/contracts';
import type { AcceptanceDecision } from './acceptance';
import type { Petitioner } from './petitioner';

export interface PetitionFlags {
  collective: boolean;
  repeat: boolean;
  escalated: boolean;
  abnormal: boolean;
  threatOfExtremeAction: boolean;
}

export interface CategoryRef {
  id: number;
  level1: string;
  level2: string;
  level3: string;
}

export type PetitionStatus = 'registered' | 'accepted' | 'not_accepted' | 'forwarded';

export interface Petition {
  /** Masked in every view except the audited personal-data read. */
  petitioners: Petitioner[];
  id: string;
  caseNumber: string;
  queryCode: string;
  channel: Channel;
  itemClass: ItemClass;
  category: CategoryRef;
  townCode: string;
  subject: string;
  description: string;
  headcount: number;
  flags: PetitionFlags;
  status: PetitionStatus;
  receivedAt: Date;
  registeredAt: Date;
  /** 15 days after receipt (art. 22). */
  acceptanceDueAt: Date;
  /** Still undecided after the deadline. */
  acceptanceOverdue: boolean;
  acceptance?: AcceptanceDecision;
}

/** A group visit elects at most five representatives (信访工作条例 art. 20). */
export const MAX_REPRESENTATIVES = 5;

/** Case numbers read `<district>-<year>-<sequence>`, e.g. `220106-2026-000042`. */
export function formatCaseNumber(districtCode: string, year: number, sequence: number): string {
  return `${districtCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

// No 0/O, 1/I/L: the code is read out over the phone and typed by petitioners.
const QUERY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A 10-character query code (查询码) from a cryptographic source. */
export function generateQueryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return code;
}

export interface FlagInput {
  headcount: number;
  escalated?: boolean;
  abnormal?: boolean;
  threatOfExtremeAction?: boolean;
}

/** Derives the flags a registration carries; collective follows the configured head-count. */
export function deriveFlags(input: FlagInput, collectiveThreshold: number): PetitionFlags {
  return {
    collective: input.headcount >= collectiveThreshold,
    repeat: false,
    escalated: input.escalated ?? false,
    abnormal: input.abnormal ?? false,
    threatOfExtremeAction: input.threatOfExtremeAction ?? false,
  };
}
