import { IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import {
  DISPATCH_STATUSES,
  INCIDENT_SEVERITIES,
  INCIDENT_TYPES,
  RESPONDER_UNITS,
  type DispatchStatus,
  type IncidentSeverity,
  type IncidentType,
  type ResponderUnit,
} from './responders';

/**
 * What a responder unit's feed says happened to its dispatch: it was dispatched, a stage was
 * reached, it was stood down, re-notified because it had not acknowledged in time, or the
 * incident was closed.
 */
export const DISPATCH_FEED_KINDS = [
  'dispatched',
  'acknowledged',
  'en-route',
  'on-scene',
  'cleared',
  'stood-down',
  'renotified',
  'incident-closed',
] as const;
export type DispatchFeedKind = (typeof DISPATCH_FEED_KINDS)[number];

/** The stream every feed message is kept in (the emergency service's stream). */
export const DISPATCH_FEED_STREAM = 'EMERGENCY';

/**
 * The subject of one unit's feed messages of one kind: `emergency.dispatch.<unit>.<kind>.v1`.
 * A unit follows `dispatchFeedFilter(unit)`. These are not registry events (their subject has a
 * unit token), but they travel in the same envelope, with the subject as `type`.
 */
export function dispatchFeedSubject(unit: ResponderUnit, kind: DispatchFeedKind): string {
  return `emergency.dispatch.${unit}.${kind}.v1`;
}

/** The subject filter of one unit's whole feed. */
export function dispatchFeedFilter(unit: ResponderUnit): string {
  return `emergency.dispatch.${unit}.>`;
}

/** The unit and kind of a feed subject, or undefined for any other subject. */
export function parseDispatchFeedSubject(subject: string): { unit: ResponderUnit; kind: DispatchFeedKind } | undefined {
  const match = /^emergency\.dispatch\.([A-Z_]+)\.([a-z-]+)\.v1$/.exec(subject);
  if (!match) return undefined;
  const [, unit, kind] = match;
  if (!(RESPONDER_UNITS as readonly string[]).includes(unit) || !(DISPATCH_FEED_KINDS as readonly string[]).includes(kind)) {
    return undefined;
  }
  return { unit: unit as ResponderUnit, kind: kind as DispatchFeedKind };
}

/**
 * Subject on which responder units report their progress by request/reply:
 * `responders.<unit>.status-reports`. It lies outside `emergency.>` on purpose: the EMERGENCY
 * stream captures that namespace and would answer a request with its own publish
 * acknowledgement.
 */
export function responderReportSubject(unit: ResponderUnit): string {
  return `responders.${unit}.status-reports`;
}

/** The payload of every feed message: what a responder desk needs to act, no personal data. */
export class DispatchFeedMessageV1 {
  @IsUUID() incidentId!: string;
  @IsIn(RESPONDER_UNITS) unit!: ResponderUnit;
  @IsIn(DISPATCH_FEED_KINDS) kind!: DispatchFeedKind;
  /** The unit's dispatch status after this message. */
  @IsIn(DISPATCH_STATUSES) status!: DispatchStatus;
  @IsIn(INCIDENT_TYPES) type!: IncidentType;
  @IsIn(INCIDENT_SEVERITIES) severity!: IncidentSeverity;
  /** Where: a place in or near the centre (`接待大厅一楼`), never a home address. */
  @IsString() @IsNotEmpty() @MaxLength(200) place!: string;
  @IsInt() @Min(0) peopleCount!: number;
  @IsOptional() @IsString() @MaxLength(500) summary?: string;
  @IsDateString() at!: string;
  /** Until when the unit must acknowledge (while it has not). */
  @IsOptional() @IsDateString() acknowledgeBy?: string;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** A responder unit's progress report, over HTTP or NATS. */
export const REPORTABLE_STAGES = ['acknowledged', 'en_route', 'on_scene', 'cleared'] as const;
export type ReportableStage = (typeof REPORTABLE_STAGES)[number];

/** The body of a request on {@link responderReportSubject}. */
export class ResponderStatusReportV1 {
  @IsUUID() incidentId!: string;
  @IsIn(REPORTABLE_STAGES) status!: ReportableStage;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}
