import { registrationViolations, type RegistrationFacts } from './registration';

const NOW = new Date('2026-03-02T09:00:00+08:00');

/** A front-desk visit that breaks no rule; each test changes what it is about. */
function visit(overrides: Partial<RegistrationFacts> = {}): RegistrationFacts {
  return {
    channel: 'visit',
    categoryId: 515,
    categoryKnown: true,
    townKnown: true,
    receivedAt: new Date('2026-03-02T08:30:00+08:00'),
    petitionerCount: 1,
    online: false,
    ...overrides,
  };
}

const rulesBroken = (facts: RegistrationFacts) => registrationViolations(facts, NOW).map((v) => `${v.field}:${v.rule}`);

describe('registration rules', () => {
  it('accept a registration that breaks none', () => {
    expect(rulesBroken(visit())).toEqual([]);
  });

  it('need a known category, and from staff a category at all', () => {
    expect(rulesBroken(visit({ categoryKnown: false }))).toEqual(['categoryId:knownCategory']);
    const { categoryId: _omitted, ...noCategory } = visit();
    expect(rulesBroken({ ...noCategory, categoryKnown: false })).toEqual(['categoryId:isDefined']);
  });

  it('let an online submission leave the category to the suggestion', () => {
    const { categoryId: _omitted, ...noCategory } = visit({ channel: 'online', online: true });
    expect(rulesBroken({ ...noCategory, categoryKnown: false })).toEqual([]);
  });

  it('need a town of the gazetteer', () => {
    expect(rulesBroken(visit({ townKnown: false }))).toEqual(['townCode:knownTown']);
  });

  it('allow a minute of clock skew on the receipt, not more', () => {
    expect(rulesBroken(visit({ receivedAt: new Date(NOW.getTime() + 60_000) }))).toEqual([]);
    expect(rulesBroken(visit({ receivedAt: new Date(NOW.getTime() + 60_001) }))).toEqual(['receivedAt:notInFuture']);
  });

  it('let a group visit name at most five representatives (art. 20); a letter may carry more names', () => {
    expect(rulesBroken(visit({ petitionerCount: 5 }))).toEqual([]);
    expect(rulesBroken(visit({ petitionerCount: 6 }))).toEqual(['petitioners:maxRepresentatives']);
    expect(rulesBroken(visit({ channel: 'letter', petitionerCount: 6 }))).toEqual([]);
  });

  it('want a referral exactly for transferred items', () => {
    expect(rulesBroken(visit({ channel: 'transferred' }))).toEqual(['referral:requiredForTransferred']);
    expect(rulesBroken(visit({ channel: 'transferred', referral: {} }))).toEqual([]);
    expect(rulesBroken(visit({ referral: {} }))).toEqual(['referral:onlyForTransferred']);
  });

  it('refuse a referral due before the receipt', () => {
    const transferred = visit({ channel: 'transferred' });
    expect(rulesBroken({ ...transferred, referral: { dueAt: '2026-03-01T23:59:59+08:00' } })).toEqual(['referral.dueAt:notBeforeReceipt']);
    expect(rulesBroken({ ...transferred, referral: { dueAt: '2026-03-02T08:30:00+08:00' } })).toEqual([]);
  });

  it('name every broken rule at once', () => {
    expect(rulesBroken(visit({ categoryKnown: false, townKnown: false, petitionerCount: 9 }))).toEqual([
      'categoryId:knownCategory',
      'townCode:knownTown',
      'petitioners:maxRepresentatives',
    ]);
  });
});
