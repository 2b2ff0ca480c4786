import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { ROLE_PERMISSIONS, scopeOf, type Permission, type Principal } from '@pdmc/auth';
import { CLOCK, type Clock, type WorkingCalendar } from '@pdmc/calendar';
import { CASE_STATE_CHANGED_V1, createEnvelope, type EventDefinition, type EventEnvelope } from '@pdmc/contracts';
import { correlationIdOrNew, DomainError, OutboxRelayService, scopedFilter } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import type { Case, HistoryEntry } from '../domain/case';
import { REVIEW_STATES, transition, TransitionNotAllowed, type CaseAction, type CaseState } from '../domain/case-lifecycle';
import { CaseRuleViolation, openTaskDueAt, pendingTimer, queuePlacement } from '../domain/case-rules';
import { CaseDocument } from '../infrastructure/case.schema';
import { WORKING_CALENDAR } from '../infrastructure/calendar.provider';
import { toCase, type StoredCase } from './case-view';
import { AlreadyDecidedError, TransitionNotAllowedError, CaseNotFoundError } from './errors';

function ruleError(v: CaseRuleViolation): DomainError {
  return new DomainError(v.code, v.message, v.status, [{ field: v.field, rule: v.rule, message: v.message }]);
}

/**
 * Which cases an actor may act on. `unit`: the case's own unit. `review`: the REVIEW unit (or a
 * centre-wide role holding the permission). `body`: the liaison of a body the case names.
 */
export type ActingScope = 'unit' | 'review' | 'body' | 'read';

/** Who acts: a person (with the roles that matter), or the service itself. */
export interface Actor {
  subject: string;
  roles: string[];
}

export const SYSTEM_ACTOR: Actor = { subject: 'system', roles: [] };

/** What a step changes, besides the state: fields to set, events to announce, the history's words. */
export interface CaseChange {
  set?: Partial<Record<keyof CaseDocument, unknown>>;
  events?: EventEnvelope[];
  what: string;
  /** The history's action when the step is not a transition of the state machine. */
  historyAction?: HistoryEntry['action'];
}

export interface StepContext {
  now: Date;
  calendar: WorkingCalendar;
  correlationId: string;
  causationId?: string;
  /** Builds an envelope with the step's correlation. */
  envelope<P>(def: EventDefinition<P>, payload: P): EventEnvelope<P>;
}

const MAX_ATTEMPTS = 5;

/** The principal narrowed to the roles that grant a permission: other roles widen reading, never acting. */
function narrowed(principal: Principal, permission: Permission): Principal {
  return { ...principal, roles: principal.roles.filter((role) => ROLE_PERMISSIONS[role].includes(permission)) };
}

/** The common identity fields of every case event. */
export function caseKeys(c: Pick<StoredCase, '_id' | 'petitionId' | 'caseNumber' | 'workUnit'>) {
  return { caseId: c._id, petitionId: c.petitionId, caseNumber: c.caseNumber, workUnit: c.workUnit };
}

/**
 * Runs every step of a case: finds the case within the actor's scope (404 otherwise), asks the
 * state machine (409 naming the state and the allowed actions), applies the step's rules, and
 * writes the new state, the history line and the events in one conditional update on the
 * version. A concurrent change makes it start over from a fresh read, so the loser of a race is
 * judged against the winner's result.
 */
@Injectable()
export class CaseWorkflow {
  constructor(
    @InjectModel(CaseDocument.name) private readonly cases: Model<CaseDocument>,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORKING_CALENDAR) readonly calendar: WorkingCalendar,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** A step asked for over HTTP by a person. */
  async act(options: {
    id: string;
    principal: Principal;
    permission: Permission;
    scope: ActingScope;
    action: CaseAction | null;
    step: (c: StoredCase, ctx: StepContext) => CaseChange;
  }): Promise<Case> {
    const filter = this.scopeFilter(options.id, options.principal, options.permission, options.scope);
    const actor = { subject: options.principal.subject, roles: [...options.principal.roles] };
    return this.run(filter, actor, options.action, options.step, { correlationId: correlationIdOrNew() });
  }

  /** A step the service takes itself (a re-route, a merge, a timer); `undefined` when the case is gone or moved on. */
  async system(
    filter: Record<string, unknown>,
    action: CaseAction,
    step: (c: StoredCase, ctx: StepContext) => CaseChange,
    trace: { correlationId: string; causationId?: string },
  ): Promise<Case | undefined> {
    try {
      return await this.run(filter, SYSTEM_ACTOR, action, step, trace);
    } catch (error) {
      if (error instanceof CaseNotFoundError || error instanceof TransitionNotAllowedError) return undefined;
      throw error;
    }
  }

  private scopeFilter(id: string, principal: Principal, permission: Permission, scope: ActingScope): Record<string, unknown> {
    const acting = narrowed(principal, permission);
    if (scope === 'read') return scopedFilter({ _id: id }, acting, { units: 'units', bodies: 'bodies' });
    if (scope === 'unit') return scopedFilter({ _id: id }, acting, { units: 'workUnit' });
    if (scope === 'body') return scopedFilter({ _id: id }, acting, { bodies: 'bodies' });
    // The REVIEW unit works any case under review; the state machine decides which step fits.
    const s = scopeOf(acting);
    return s.all || s.units.includes('REVIEW') ? { _id: id } : { $and: [{ _id: id }, { _id: trusted({ $in: [] }) }] };
  }

  private async run(
    filter: Record<string, unknown>,
    actor: Actor,
    action: CaseAction | null,
    step: (c: StoredCase, ctx: StepContext) => CaseChange,
    trace: { correlationId: string; causationId?: string },
  ): Promise<Case> {
    for (let attempt = 1; ; attempt++) {
      const current = (await this.cases.findOne(filter, { outbox: 0 }).lean().exec()) as StoredCase | null;
      if (!current) throw new CaseNotFoundError();
      const now = this.clock.now();
      let to: CaseState = current.status;
      if (action) {
        try {
          to = transition(current.status, action);
        } catch (error) {
          if (!(error instanceof TransitionNotAllowed)) throw error;
          if (action === 'decide' && current.decision) throw new AlreadyDecidedError();
          throw new TransitionNotAllowedError(error);
        }
      }
      const ctx: StepContext = {
        now,
        calendar: this.calendar,
        ...trace,
        envelope: (def, payload) =>
          createEnvelope(def, payload, { correlationId: trace.correlationId, causationId: trace.causationId, occurredAt: now }),
      };
      let change: CaseChange;
      try {
        change = step(current, ctx);
      } catch (error) {
        if (error instanceof CaseRuleViolation) throw ruleError(error);
        throw error;
      }
      const written = await this.write(current, to, actor, action, change, ctx);
      if (written) {
        this.relay.kick();
        return toCase(written, now);
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new DomainError('HANDLING.CONCURRENT_CHANGE', 'The case changed while this step was applied; try again', 409);
      }
    }
  }

  private async write(
    current: StoredCase,
    to: CaseState,
    actor: Actor,
    action: CaseAction | null,
    change: CaseChange,
    ctx: StepContext,
  ): Promise<StoredCase | null> {
    const next = { ...current, ...(change.set as Partial<StoredCase>), status: to };
    const events = [...(change.events ?? [])];
    if (action) {
      events.push(
        ctx.envelope(CASE_STATE_CHANGED_V1, { ...caseKeys(next), action, from: current.status, to, at: ctx.now.toISOString() }),
      );
    }
    const history: HistoryEntry = {
      at: ctx.now,
      by: actor.subject,
      roles: actor.roles,
      action: action ?? change.historyAction ?? 'open',
      from: current.status,
      to,
      what: change.what,
    };
    const reviewUnit = next.reviewUnit ?? (REVIEW_STATES.has(to) ? 'REVIEW' : null);
    const units = [...new Set([next.workUnit, ...(reviewUnit ? [reviewUnit] : [])])];
    const bodies = [...new Set([next.responsibleBody, ...next.tasks.map((t) => t.body)])];
    const $set: Record<string, unknown> = {
      ...change.set,
      status: to,
      reviewUnit,
      units,
      bodies,
      ...queuePlacement(to, next.workUnit, next.dueAt, next.review, next.reexamination),
      ...pendingTimer(to, next.decision?.reviewRequestDueAt ?? null, next.review, next.reexamination),
      openTaskDueAt: openTaskDueAt(next.tasks),
      version: current.version + 1,
    };
    return (await this.cases
      .findOneAndUpdate(
        { _id: current._id, version: current.version },
        { $set, $push: { history: history, ...(events.length ? { outbox: { $each: toOutbox(...events) } } : {}) } },
        // No projection: FerretDB's findAndModify does not support one.
        { returnDocument: 'after' },
      )
      .lean()
      .exec()) as StoredCase | null;
  }
}
