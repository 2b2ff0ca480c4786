import { NotFoundError } from '@pdmc/platform';

export class RuleSetNotFoundError extends NotFoundError {
  constructor(version: number) {
    super('ROUTING.RULE_SET_NOT_FOUND', `There is no rule set version ${version}`);
  }
}
