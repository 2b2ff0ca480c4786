import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import {
  DISPATCH_STATUSES,
  INCIDENT_OUTCOMES,
  INCIDENT_SEVERITIES,
  INCIDENT_SOURCES,
  INCIDENT_TYPES,
  RESPONDER_UNITS,
  type DispatchStatus,
  type IncidentOutcome,
  type IncidentSeverity,
  type IncidentSource,
  type IncidentType,
  type ResponderUnit,
} from './responders';

/** How one unit responded, in seconds from its dispatch (absent: the stage was never reached). */
export class UnitResponseV1 {
  @IsIn(RESPONDER_UNITS) unit!: ResponderUnit;
  /** `cleared` or `stood_down`. */
  @IsIn(DISPATCH_STATUSES) finalStatus!: DispatchStatus;
  @IsOptional() @IsInt() @Min(0) acknowledgedAfterSeconds?: number;
  @IsOptional() @IsInt() @Min(0) onSceneAfterSeconds?: number;
  @IsOptional() @IsInt() @Min(0) clearedAfterSeconds?: number;
  /** It missed its acknowledgement time and was notified again. */
  @IsBoolean() acknowledgementOverdue!: boolean;
}

/**
 * Every unit cleared (or was stood down) and the duty officer closed the incident with a
 * report: type, severity, response times and outcome for supervision's statistics.
 */
export class IncidentClosedV1 {
  @IsUUID() incidentId!: string;
  @IsIn(INCIDENT_TYPES) type!: IncidentType;
  @IsIn(INCIDENT_SEVERITIES) severity!: IncidentSeverity;
  @IsIn(INCIDENT_SOURCES) source!: IncidentSource;
  @IsIn(INCIDENT_OUTCOMES) outcome!: IncidentOutcome;
  @IsBoolean() escalated!: boolean;
  @IsDateString() reportedAt!: string;
  @IsDateString() closedAt!: string;
  @IsInt() @Min(0) durationSeconds!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => UnitResponseV1) responses!: UnitResponseV1[];
}

export const INCIDENT_CLOSED_V1 = defineEvent('emergency.incident.closed.v1', IncidentClosedV1);
