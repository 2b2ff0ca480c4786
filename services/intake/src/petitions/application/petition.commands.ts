import type { Channel, ItemClass } from '@pdmc/contracts';
import type { PageQuery } from '@pdmc/platform';
import type { AcceptanceDecisionKind, NotAcceptedReason } from '../domain/acceptance';
import type { PetitionStatus } from '../domain/petition';

/*
 * What the petition use cases take. The HTTP DTOs in interface/ validate requests into these
 * shapes; the handlers depend on the shapes, never on the DTOs.
 */

export const PETITION_SORTS = ['-receivedAt', 'receivedAt', 'acceptanceDueAt', '-acceptanceDueAt'] as const;
export type PetitionSort = (typeof PETITION_SORTS)[number];

export const FLAG_FILTERS = ['collective', 'repeat', 'escalated', 'abnormal', 'threatOfExtremeAction', 'backlog'] as const;

/** The clerk's search: every filter is exact (or a range) and has an index behind it. */
export interface PetitionFilter extends PageQuery {
  caseNumber?: string;
  queryCode?: string;
  personId?: string;
  channel?: Channel;
  itemClass?: ItemClass;
  categoryId?: number;
  categoryLevel1?: string;
  townCode?: string;
  status?: PetitionStatus;
  receivedFrom?: string;
  receivedTo?: string;
  collective?: boolean;
  repeat?: boolean;
  escalated?: boolean;
  abnormal?: boolean;
  threatOfExtremeAction?: boolean;
  backlog?: boolean;
  sort?: PetitionSort;
}

export interface AcceptanceQueueFilter extends PetitionFilter {
  overdue?: boolean;
  classified?: boolean;
}

export interface AcceptanceDecisionCommand {
  decision: AcceptanceDecisionKind;
  reason?: NotAcceptedReason;
  forwardTo?: string;
}
