import {
  assessRisk,
  recordFlags,
  watchReasons,
  type FlagReport,
  type PetitionFacts,
  type PetitionWatch,
  type WatchReason,
} from './watch-item';

const none = { collective: false, repeat: false, escalated: false, abnormal: false, threatOfExtremeAction: false };

describe('risk assessment', () => {
  it('ignores petitions without risk flags', () => {
    expect(assessRisk(none)).toBeUndefined();
    expect(assessRisk({ ...none, repeat: true, escalated: true, backlog: true })).toBeUndefined();
  });

  it('rates threats and abnormal petitioning high, collective visits elevated', () => {
    expect(assessRisk({ ...none, threatOfExtremeAction: true })).toEqual({ reasons: ['threatOfExtremeAction'], riskLevel: 'high' });
    expect(assessRisk({ ...none, collective: true })).toEqual({ reasons: ['collective'], riskLevel: 'elevated' });
    expect(assessRisk({ ...none, collective: true, abnormal: true })?.riskLevel).toBe('high');
  });

  it('lists the reasons most serious first', () => {
    expect(watchReasons({ ...none, collective: true, abnormal: true, threatOfExtremeAction: true })).toEqual([
      'threatOfExtremeAction',
      'abnormal',
      'collective',
    ]);
  });
});

describe('recording flags as events report them', () => {
  const PETITION = 'b9d7a3a0-4f0e-4a57-9a54-0d2f4c1b6a11';
  const RECEIVED = new Date('2026-03-02T08:00:00Z');
  const t = (minutes: number) => new Date(RECEIVED.getTime() + minutes * 60_000);
  const NOW = new Date('2026-03-02T12:00:00Z');

  const registeredFacts: PetitionFacts = { caseNumber: '220106-2026-000077', townCode: 'HX', headcount: 12, receivedAt: RECEIVED };
  const changeFacts: PetitionFacts = { caseNumber: '220106-2026-000077', townCode: 'HX' };

  interface Step {
    facts: PetitionFacts;
    report: FlagReport;
  }
  const registered = (reasons: WatchReason[], eventId = 'e-registered'): Step => ({
    facts: registeredFacts,
    report: { eventId, source: 'registered', at: t(5), reasons },
  });
  const changed = (minute: number, reasons: WatchReason[], eventId = `e-changed-${minute}`): Step => ({
    facts: changeFacts,
    report: { eventId, source: 'flags-changed', at: t(minute), reasons },
  });

  /** The state after the steps in the order given; a step changing nothing leaves it as it was. */
  function apply(steps: Step[], start?: PetitionWatch): PetitionWatch | undefined {
    return steps.reduce<PetitionWatch | undefined>(
      (state, { facts, report }, i) => recordFlags(state, PETITION, facts, report, new Date(NOW.getTime() + i)) ?? state,
      start,
    );
  }

  /** Every order of `items`. */
  function permutations<T>(items: T[]): T[][] {
    if (items.length <= 1) return [items];
    return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
  }

  /** The state without the times of handling, which depend on arrival. */
  const essence = (state: PetitionWatch | undefined) => state && { ...state, createdAt: undefined, updatedAt: undefined };

  it('puts a petition on the list when a flag is raised after a registration without any', () => {
    const state = apply([registered([]), changed(60, ['threatOfExtremeAction'])]);

    expect(state).toMatchObject({
      onWatchList: true,
      reasons: ['threatOfExtremeAction'],
      riskLevel: 'high',
      headcount: 12,
      receivedAt: RECEIVED,
      createdAt: new Date(NOW.getTime() + 1),
    });
    expect(state!.history.map((r) => [r.source, r.raised, r.cleared])).toEqual([
      ['registered', [], []],
      ['flags-changed', ['threatOfExtremeAction'], []],
    ]);
  });

  it('keeps a registration without risk off the list, but remembers it', () => {
    const state = apply([registered([])]);

    expect(state).toMatchObject({ onWatchList: false, reasons: [], riskLevel: 'none', createdAt: null, headcount: 12 });
  });

  it('adds a reason raised later to an item already on the list, and raises the risk level', () => {
    const before = apply([registered(['collective'])]);
    const after = apply([changed(30, ['abnormal', 'collective'])], before);

    expect(before).toMatchObject({ reasons: ['collective'], riskLevel: 'elevated' });
    expect(after).toMatchObject({ reasons: ['abnormal', 'collective'], riskLevel: 'high', createdAt: before!.createdAt });
    expect(after!.history[1]).toMatchObject({ raised: ['abnormal'], cleared: [] });
  });

  it('records a cleared flag in the history and keeps the item on the list', () => {
    const state = apply([registered(['threatOfExtremeAction', 'collective']), changed(90, ['collective']), changed(120, [])]);

    expect(state).toMatchObject({ onWatchList: true, reasons: [], riskLevel: 'none' });
    expect(state!.history.map((r) => ({ reasons: r.reasons, raised: r.raised, cleared: r.cleared }))).toEqual([
      { reasons: ['threatOfExtremeAction', 'collective'], raised: ['threatOfExtremeAction', 'collective'], cleared: [] },
      { reasons: ['collective'], raised: [], cleared: ['threatOfExtremeAction'] },
      { reasons: [], raised: [], cleared: ['collective'] },
    ]);
  });

  it('changes nothing when an event already recorded comes again', () => {
    const state = apply([registered(['abnormal']), changed(60, [])]);

    expect(recordFlags(state, PETITION, registeredFacts, registered(['abnormal']).report, NOW)).toBeUndefined();
    expect(recordFlags(state, PETITION, changeFacts, changed(60, []).report, NOW)).toBeUndefined();
  });

  it('makes a change arriving before its registration wait for the head-count, not for the list', () => {
    const early = apply([changed(60, ['threatOfExtremeAction'])]);
    expect(early).toMatchObject({ onWatchList: true, reasons: ['threatOfExtremeAction'], headcount: null, receivedAt: null });

    const complete = apply([registered([])], early);
    expect(complete).toMatchObject({ reasons: ['threatOfExtremeAction'], riskLevel: 'high', headcount: 12, receivedAt: RECEIVED });
    expect(complete!.createdAt).toEqual(early!.createdAt);
    expect(complete!.history.map((r) => r.source)).toEqual(['registered', 'flags-changed']);
  });

  it.each([
    ['raised after a plain registration', [registered([]), changed(60, ['abnormal'])]],
    ['raised, then cleared', [registered([]), changed(60, ['abnormal']), changed(90, [])]],
    ['cleared, then raised again', [registered(['collective']), changed(60, []), changed(90, ['threatOfExtremeAction'])]],
    ['changed twice', [registered(['collective']), changed(60, ['abnormal', 'collective']), changed(90, ['abnormal'])]],
  ])('comes to the same state in every order of arrival: %s', (_name, steps) => {
    const inOrder = apply(steps);
    for (const order of permutations(steps)) {
      expect(essence(apply(order))).toEqual(essence(inOrder));
      // A redelivery of any of them, anywhere, changes nothing either.
      expect(essence(apply([...order, ...order]))).toEqual(essence(inOrder));
    }
  });

  it('keeps a petition on the list when the raising change arrives after a later clearing one', () => {
    const state = apply([registered([]), changed(90, []), changed(60, ['threatOfExtremeAction'])]);

    expect(state).toMatchObject({ onWatchList: true, reasons: [], riskLevel: 'none' });
    expect(state!.history.map((r) => [r.at, r.raised, r.cleared])).toEqual([
      [t(5), [], []],
      [t(60), ['threatOfExtremeAction'], []],
      [t(90), [], ['threatOfExtremeAction']],
    ]);
  });

  it('takes case number and town from the latest report, the head-count only from the registration', () => {
    const moved = { facts: { caseNumber: '220106-2026-000077', townCode: 'XX' }, report: changed(60, ['collective']).report };
    const state = apply([moved, registered(['collective'])]);

    expect(state).toMatchObject({ townCode: 'XX', headcount: 12 });
  });
});
