import { IsArray, IsDateString, IsIn, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { INCIDENT_SEVERITIES, INCIDENT_TYPES, RESPONDER_UNITS, type IncidentSeverity, type IncidentType, type ResponderUnit } from './responders';

/**
 * Units did not acknowledge a dispatch in time: they were notified again and the incident was
 * escalated to the centre director.
 */
export class IncidentEscalatedV1 {
  @IsUUID() incidentId!: string;
  @IsIn(INCIDENT_TYPES) type!: IncidentType;
  @IsIn(INCIDENT_SEVERITIES) severity!: IncidentSeverity;
  @IsArray() @IsIn(RESPONDER_UNITS, { each: true }) overdueUnits!: ResponderUnit[];
  @IsDateString() escalatedAt!: string;
}

export const INCIDENT_ESCALATED_V1 = defineEvent('emergency.incident.escalated.v1', IncidentEscalatedV1);
