import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_SOURCES,
  INCIDENT_TYPES,
  RESPONDER_UNITS,
  type IncidentSeverity,
  type IncidentSource,
  type IncidentType,
  type ResponderUnit,
} from './responders';

/** A unit called to the incident and the minutes it has to acknowledge. */
export class IncidentDispatchV1 {
  @IsIn(RESPONDER_UNITS) unit!: ResponderUnit;
  @IsDateString() dispatchedAt!: string;
  @IsDateString() acknowledgeBy!: string;
}

/**
 * An incident at the centre was reported (by staff or by a rule) and its units dispatched.
 * Facts for supervision's statistics only: no place description, no people, no free text.
 */
export class IncidentReportedV1 {
  @IsUUID() incidentId!: string;
  @IsIn(INCIDENT_TYPES) type!: IncidentType;
  @IsIn(INCIDENT_SEVERITIES) severity!: IncidentSeverity;
  @IsIn(INCIDENT_SOURCES) source!: IncidentSource;
  /** The rule that raised it (`source: rule`). */
  @IsOptional() @IsString() rule?: string;
  @IsOptional() @IsUUID() petitionId?: string;
  @IsInt() @Min(0) peopleCount!: number;
  @IsDateString() reportedAt!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => IncidentDispatchV1) dispatches!: IncidentDispatchV1[];
}

export const INCIDENT_REPORTED_V1 = defineEvent('emergency.incident.reported.v1', IncidentReportedV1);
