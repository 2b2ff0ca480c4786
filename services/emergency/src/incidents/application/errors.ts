import { DomainError, NotFoundError } from '@pdmc/platform';
import type { Refusal } from '../domain/incident';

/** A change the incident's state does not allow (409) or that names something absent (404). */
export class IncidentRefusedError extends DomainError {
  constructor(refusal: Refusal) {
    super(refusal.code, refusal.message, refusal.status);
  }
}

export class IncidentNotFoundError extends NotFoundError {
  constructor() {
    super('EMERGENCY.INCIDENT_NOT_FOUND', 'No incident with this id');
  }
}
