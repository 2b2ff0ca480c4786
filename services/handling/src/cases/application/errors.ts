import { DomainError, NotFoundError } from '@pdmc/platform';
import { CaseRuleViolation } from '../domain/case-rules';
import type { TransitionNotAllowed } from '../domain/case-lifecycle';

/** The errors of handling's case use cases, each with its stable code and HTTP status. */

export class TaskNotFoundError extends CaseRuleViolation {
  constructor() {
    super('HANDLING.TASK_NOT_FOUND', 'No task with this id on the case', 404, 'taskId', 'exists');
  }
}

export class AlreadyDecidedError extends DomainError {
  constructor() {
    super('HANDLING.ALREADY_DECIDED', 'The case already has its written decision', 409);
  }
}

export class TransitionNotAllowedError extends DomainError {
  constructor(refusal: TransitionNotAllowed) {
    super('HANDLING.TRANSITION_NOT_ALLOWED', refusal.message, 409, [
      { field: 'status', rule: refusal.state, message: `The case is ${refusal.state}` },
      ...refusal.allowed.map((a) => ({ field: 'allowedActions', rule: a, message: `Allowed now: ${a}` })),
    ]);
  }
}

export class BadServiceDateError extends DomainError {
  constructor(message: string) {
    super('HANDLING.BAD_SERVICE_DATE', message, 422, [{ field: 'servedAt', rule: 'betweenDecisionAndNow', message }]);
  }
}

export class DecisionNotFoundError extends NotFoundError {
  constructor() {
    super('HANDLING.DECISION_NOT_FOUND', 'The case has no written decision yet');
  }
}

export class NotTheApproverError extends DomainError {
  constructor(approver: string) {
    // 422, not 403: the role may approve in principle; the centre's configuration names another approver.
    super('HANDLING.NOT_THE_APPROVER', `Extensions are approved by the ${approver} (art. 34; EXTENSION_APPROVER)`, 422, [
      { field: 'role', rule: approver, message: `Only the ${approver} decides extensions` },
    ]);
  }
}

export class CaseNotFoundError extends NotFoundError {
  constructor() {
    super('HANDLING.CASE_NOT_FOUND', 'No case with this id');
  }
}

export class FutureRequestError extends DomainError {
  constructor() {
    super('HANDLING.REQUEST_IN_FUTURE', 'A request cannot be received in the future', 422, [
      { field: 'requestedAt', rule: 'notInFuture', message: 'requestedAt lies in the future' },
    ]);
  }
}

export class NoRehandlingOnReexaminationError extends DomainError {
  constructor() {
    super('HANDLING.REEXAMINATION_OUTCOME', 'A re-examination upholds or changes (art. 36); it does not order re-handling', 422, [
      { field: 'outcome', rule: 'upholdOrChange', message: 'outcome must be uphold or change' },
    ]);
  }
}
