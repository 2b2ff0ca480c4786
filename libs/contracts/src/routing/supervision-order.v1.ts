import { IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/**
 * A supervision commissioner issued a supervision order (督办单) to a unit for a case, with a
 * reply deadline. The order's text stays in routing; the event carries ids and dates.
 */
export class SupervisionOrderIssuedV1 {
  @IsUUID() orderId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsDateString() issuedAt!: string;
  @IsDateString() replyDueAt!: string;
}

/** The unit replied to a supervision order; `late` when after the reply deadline. */
export class SupervisionOrderRepliedV1 {
  @IsUUID() orderId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsDateString() repliedAt!: string;
  @IsIn(['on_time', 'late']) timeliness!: 'on_time' | 'late';
}

export const ESCALATION_GROUNDS = ['unanswered', 'repeatedly_overdue', 'commissioner'] as const;
export type EscalationGround = (typeof ESCALATION_GROUNDS)[number];

/**
 * A case went to listed supervision (挂牌督办, 信访工作条例 art. 39-40) with a named leader: its
 * order went unanswered, it went overdue repeatedly, or a commissioner decided so. The leader is
 * staff (an id and a name), not a petitioner.
 */
export class SupervisionOrderEscalatedV1 {
  @IsUUID() orderId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsIn(ESCALATION_GROUNDS) ground!: EscalationGround;
  @IsOptional() @IsString() @MaxLength(64) leaderId?: string;
  @IsOptional() @IsString() @MaxLength(40) leaderName?: string;
  @IsDateString() escalatedAt!: string;
}

export const SUPERVISION_ORDER_ISSUED_V1 = defineEvent('routing.supervision-order.issued.v1', SupervisionOrderIssuedV1);
export const SUPERVISION_ORDER_REPLIED_V1 = defineEvent('routing.supervision-order.replied.v1', SupervisionOrderRepliedV1);
export const SUPERVISION_ORDER_ESCALATED_V1 = defineEvent('routing.supervision-order.escalated.v1', SupervisionOrderEscalatedV1);
