import { randomInt } from 'node:crypto';
import type { AuthorityLevel, Channel, ItemClass, ReferralKind } from '@pdmc/contracts';
import type { AcceptanceDecision } from './acceptance';
import type { Petitioner } from '../petitioners/domain/petitioner';
import type { TimelineEntry } from './timeline';

export interface PetitionFlags {
  /** Head-count at or above the configured threshold (集体访). */
  collective: boolean;
  /** Same person, same matter as an earlier petition (重复访); see `repeatOf`. */
  repeat: boolean;
  /** Skipped the competent level (越级访). */
  escalated: boolean;
  /** Abnormal petitioning reported by a higher authority or flagged by staff (非正常访). */
  abnormal: boolean;
  /** Threat of extreme action (扬言). */
  threatOfExtremeAction: boolean;
  /** Backlog case (积案). */
  backlog: boolean;
}

/** The flags staff may set or clear after registration; collective follows the head-count. */
export const EDITABLE_FLAGS = ['escalated', 'abnormal', 'threatOfExtremeAction', 'backlog', 'repeat'] as const;
export type EditableFlag = (typeof EDITABLE_FLAGS)[number];

/** An item transferred (转办) or assigned (交办) by a higher authority. */
export interface Referral {
  kind: ReferralKind;
  authority: string;
  authorityLevel: AuthorityLevel;
  reference: string;
  /** The authority's own deadline for the item, if it set one. */
  dueAt?: Date;
  /** The authority wants a report when the item is completed (办结报告). */
  reportRequired: boolean;
  /** The authority reports the petitioner's conduct as abnormal (非正常访); sets that flag. */
  abnormalReported?: boolean;
}

/** A link to another petition, by id and by the number people read. */
export interface PetitionRef {
  petitionId: string;
  caseNumber: string;
}

/**
 * Whether the category was chosen by staff. Online submissions arrive unconfirmed (the
 * petitioner's pick or the keyword suggestion, or none) and cannot be accepted until a clerk
 * confirms or corrects it.
 */
export interface Classification {
  confirmed: boolean;
  confirmedBy?: string;
  confirmedAt?: Date;
}

export interface CategoryRef {
  id: number;
  level1: string;
  level2: string;
  level3: string;
}

export type PetitionStatus = 'registered' | 'accepted' | 'not_accepted' | 'forwarded' | 'merged';
export const PETITION_STATUSES: readonly PetitionStatus[] = ['registered', 'accepted', 'not_accepted', 'forwarded', 'merged'];

/** A petitioner as views show it: masked, with the registry entry it is linked to. */
export type PetitionerView = Petitioner & { personId?: string };

export interface Petition {
  /** Masked in every view except the audited personal-data read. */
  petitioners: PetitionerView[];
  id: string;
  caseNumber: string;
  queryCode: string;
  channel: Channel;
  itemClass: ItemClass;
  /** Absent only for an online submission no rule could classify, until a clerk does. */
  category?: CategoryRef;
  classification: Classification;
  townCode: string;
  referral?: Referral;
  subject: string;
  description: string;
  headcount: number;
  flags: PetitionFlags;
  /** The earlier petition of the same person on the same matter (the chain's first). */
  repeatOf?: PetitionRef;
  /** None of its petitioners had petitioned this centre before (首次到本机关). */
  firstAtThisBody: boolean;
  status: PetitionStatus;
  /** For a petition merged into another (合并件): that one. */
  mergedInto?: PetitionRef;
  /** The merged-case number shared by a merge target and everything merged into it. */
  mergedCaseNumber?: string;
  receivedAt: Date;
  registeredAt: Date;
  /** 15 days after receipt (art. 22). */
  acceptanceDueAt: Date;
  /** Still undecided after the deadline. */
  acceptanceOverdue: boolean;
  acceptance?: AcceptanceDecision;
}

/** Every change of a petition, with who and when, oldest first. */
export interface PetitionTimeline {
  petitionId: string;
  caseNumber: string;
  entries: TimelineEntry[];
}

/** A group visit elects at most five representatives (信访工作条例 art. 20). */
export const MAX_REPRESENTATIVES = 5;

/** Letters are signed by many people; the limit only keeps a record a clerk can work with. */
export const MAX_PETITIONERS = 200;

/** Case numbers read `<district>-<year>-<sequence>`, e.g. `220106-2026-000042`. */
export function formatCaseNumber(districtCode: string, year: number, sequence: number): string {
  return `${districtCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Merged-case numbers (合并件) read `<district>-<year>-M<sequence>`, e.g. `220106-2026-M00007`. */
export function formatMergedCaseNumber(districtCode: string, year: number, sequence: number): string {
  return `${districtCode}-${year}-M${String(sequence).padStart(5, '0')}`;
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
  backlog?: boolean;
}

/** Flags as stored; petitions stored before the backlog flag existed lack it. */
export function completeFlags(flags: Omit<PetitionFlags, 'backlog'> & { backlog?: boolean }): PetitionFlags {
  return { ...flags, backlog: flags.backlog ?? false };
}

/** What the registry knows when a petition arrives (see ./repeat.ts). */
export interface RegistryFacts {
  repeatOf?: PetitionRef;
  escalatedByReferral: boolean;
}

/**
 * Derives the flags a registration carries: collective follows the configured head-count,
 * repeat the registry, escalated the clerk or the referral rule; abnormal is the clerk's
 * judgement or the referring authority's report.
 */
export function deriveFlags(
  input: FlagInput,
  collectiveThreshold: number,
  facts: RegistryFacts = { escalatedByReferral: false },
  abnormalReported = false,
): PetitionFlags {
  return {
    collective: input.headcount >= collectiveThreshold,
    repeat: facts.repeatOf !== undefined,
    escalated: (input.escalated ?? false) || facts.escalatedByReferral,
    abnormal: (input.abnormal ?? false) || abnormalReported,
    threatOfExtremeAction: input.threatOfExtremeAction ?? false,
    backlog: input.backlog ?? false,
  };
}
