import { defaultWorkingCalendar, periodInDays } from '@pdmc/calendar';
import { loadConfig } from '@pdmc/platform';
import { startInProcess, streamMessages, waitFor, type HttpClient, type InProcessService, type AsJson } from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPerson, aPetitionBody, piiEnv } from './support';
import type { Petition } from '../src/petitions/domain/petition';

const DAY = 24 * 3600 * 1000;

const aPetition = (over: Record<string, unknown> = {}) =>
  aPetitionBody({
    channel: 'letter',
    townCode: 'CX',
    subject: '养老金停发',
    description: '原国企职工反映养老金自上月起停发。',
    receivedAt: new Date(Date.now() - DAY).toISOString(),
    petitioners: [aPerson({ name: '赵丽华' })],
    ...over,
  });

/** A petition as the API answers it: the service's view, dates as strings. */
type PetitionView = AsJson<Petition>;

describe('intake: the acceptance decision within 15 days (real servers)', () => {
  let svc: InProcessService;
  let clerk: HttpClient;

  beforeAll(async () => {
    svc = await startInProcess({
      label: 'intake-accept',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: { ...piiEnv(), ACCEPTANCE_SCAN_MS: '300' },
    });
    clerk = await svc.as({ sub: 'clerk-zhao', roles: ['intake_clerk'] });
  });

  afterAll(async () => {
    await svc?.close();
  });

  const register = async (over: Record<string, unknown> = {}): Promise<PetitionView> => {
    const res = await clerk.post<PetitionView>('/petitions', aPetition(over));
    expect(res.status).toBe(201);
    return res.body as PetitionView;
  };

  const intakeEvents = async (type: string, petitionId: string) =>
    (await streamMessages(svc.ns.natsUrl, `${svc.ns.streamPrefix}INTAKE`)).filter(
      (m) => m.data['type'] === type && (m.data['payload'] as Record<string, unknown>)['petitionId'] === petitionId,
    );

  it('gives each registered petition a deadline 15 days after receipt and puts it in the queue', async () => {
    const p = await register();
    expect(p.status).toBe('registered');
    // To 24:00 (Beijing) of the 15th day after receipt, moved past rest days (libs/calendar).
    expect(p.acceptanceDueAt).toBe(periodInDays(defaultWorkingCalendar(), new Date(p.receivedAt), 15).dueAt.toISOString());
    expect(p.acceptanceOverdue).toBe(false);
    const queue = await clerk.get<{ items: PetitionView[] }>('/petitions/acceptance-queue?pageSize=100');
    expect((queue.body as { items: PetitionView[] }).items.map((i) => i.id)).toContain(p.id);
  });

  it('accepts once: the petition becomes accepted, the event goes out, a second decision is refused', async () => {
    const person = aPerson();
    const p = await register({ petitioners: [person] });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => clerk.post<PetitionView>(`/petitions/${p.id}/acceptance-decision`, { decision: 'accept' })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => (r.body as unknown as { code: string }).code)).toEqual(
      Array(3).fill('INTAKE.ALREADY_DECIDED'),
    );
    const accepted = results.find((r) => r.status === 200)!.body as PetitionView;
    expect(accepted).toMatchObject({ status: 'accepted', acceptance: { kind: 'accept', decidedBy: 'clerk-zhao' } });
    const events = await waitFor(async () => {
      const found = await intakeEvents('intake.petition.accepted.v1', p.id);
      return found.length ? found : undefined;
    }, { description: 'the accepted event' });
    expect(events).toHaveLength(1);
    // Routing acts on this event alone: it carries the routing facts, and nothing personal.
    const payload = events[0].data['payload'] as Record<string, unknown>;
    expect(payload).toEqual({
      petitionId: p.id,
      caseNumber: p.caseNumber,
      channel: 'letter',
      itemClass: 'appeal',
      category: { id: 515, level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' },
      townCode: 'CX',
      headcount: 1,
      flags: { collective: false, repeat: false, escalated: false, abnormal: false, threatOfExtremeAction: false, backlog: false },
      receivedAt: p.receivedAt,
      acceptedAt: (accepted.acceptance as { decidedAt: string }).decidedAt,
    });
    const text = JSON.stringify(events[0].data);
    for (const personal of [person.name, person.phone, person.idNumber, '养老金停发', '原国企职工']) expect(text).not.toContain(personal);
    const queue = await clerk.get<{ items: PetitionView[] }>('/petitions/acceptance-queue?pageSize=100');
    expect((queue.body as { items: PetitionView[] }).items.map((i) => i.id)).not.toContain(p.id);
  });

  it('declines only with a reason from the fixed list, and forwards only to a named body', async () => {
    const p = await register();
    const noReason = await clerk.post(`/petitions/${p.id}/acceptance-decision`, { decision: 'not_accept' });
    expect(noReason.status).toBe(400);
    expect((noReason.body as { details: unknown[] }).details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const badReason = await clerk.post(`/petitions/${p.id}/acceptance-decision`, { decision: 'not_accept', reason: 'because' });
    expect(badReason.status).toBe(400);

    const declined = await clerk.post<PetitionView>(`/petitions/${p.id}/acceptance-decision`, {
      decision: 'not_accept',
      reason: 'litigation_arbitration_review',
    });
    expect(declined.body).toMatchObject({ status: 'not_accepted', acceptance: { reason: 'litigation_arbitration_review' } });
    const [event] = await waitFor(async () => {
      const found = await intakeEvents('intake.petition.declined.v1', p.id);
      return found.length ? found : undefined;
    }, { description: 'the declined event' });
    expect(event.data['payload']).toMatchObject({ decision: 'not_accept', reason: 'litigation_arbitration_review' });

    const q = await register();
    expect((await clerk.post(`/petitions/${q.id}/acceptance-decision`, { decision: 'forward' })).status).toBe(400);
    const forwarded = await clerk.post<PetitionView>(`/petitions/${q.id}/acceptance-decision`, {
      decision: 'forward',
      forwardTo: '区人力资源和社会保障局',
    });
    expect(forwarded.body).toMatchObject({ status: 'forwarded', acceptance: { forwardTo: '区人力资源和社会保障局' } });
  });

  it('lets only those who decide do it', async () => {
    const p = await register();
    const dispatcher = await svc.as({ roles: ['dispatcher'] });
    expect((await dispatcher.post(`/petitions/${p.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(403);
    const missing = await clerk.post('/petitions/5b0e0d3a-1c1e-4b8e-9d44-2f1a8f7f0b11/acceptance-decision', { decision: 'accept' });
    expect(missing.status).toBe(404);
  });

  it('prints the written notice after the decision, with the query code, and audits it', async () => {
    const p = await register();
    const early = await clerk.get(`/petitions/${p.id}/notice`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'INTAKE.NOT_DECIDED' });
    await clerk.post(`/petitions/${p.id}/acceptance-decision`, { decision: 'accept' });
    const notice = await clerk.get<string>(`/petitions/${p.id}/notice`);
    expect(notice.status).toBe(200);
    expect(notice.headers['content-type']).toContain('text/html');
    expect(notice.body).toContain('信访事项受理告知书');
    expect(notice.body).toContain(p.queryCode);
    expect(notice.body).toContain('赵丽华');
    const auditor = await svc.as({ roles: ['auditor'] });
    const audit = await auditor.get<{ items: unknown[] }>(`/audit-events?objectId=${p.id}&action=petition.print_notice`);
    // The refused early attempt is in the trail too.
    expect((audit.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ outcome: 'success', status: 200, actor: expect.objectContaining({ subject: 'clerk-zhao' }) }),
      expect.objectContaining({ outcome: 'failure', status: 409 }),
    ]);
  });

  it('prints the registration receipt at once, with the query code and the date of the acceptance answer, and audits it', async () => {
    const p = await register();
    const receipt = await clerk.get<string>(`/petitions/${p.id}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toContain('text/html');
    expect(receipt.headers['cache-control']).toBe('no-store');
    expect(receipt.body).toContain('信访事项登记回执');
    expect(receipt.body).toContain(p.queryCode);
    expect(receipt.body).toContain(p.caseNumber);
    const due = new Date(new Date(p.acceptanceDueAt).getTime() + 8 * 3600_000);
    expect(receipt.body).toContain(`${due.getUTCFullYear()}年${due.getUTCMonth() + 1}月${due.getUTCDate()}日前书面告知`);
    const auditor = await svc.as({ roles: ['auditor'] });
    const audit = await auditor.get<{ items: unknown[] }>(`/audit-events?objectId=${p.id}&action=petition.print_receipt`);
    expect(audit.body.items).toEqual([expect.objectContaining({ outcome: 'success', actor: expect.objectContaining({ subject: 'clerk-zhao' }) })]);
    expect((await clerk.get(`/petitions/5b0e3c51-9d7b-4c3e-a2f1-000000000000/receipt`)).status).toBe(404);
  });

  it('flags a petition undecided after 15 days, leads the queue with it, and reports it once', async () => {
    const late = await register({ receivedAt: new Date(Date.now() - 20 * DAY).toISOString() });
    expect(late.acceptanceOverdue).toBe(true);
    const queue = await clerk.get<{ items: PetitionView[] }>('/petitions/acceptance-queue?pageSize=1');
    expect((queue.body as { items: PetitionView[] }).items[0].id).toBe(late.id);
    // The clerk can work the late ones alone, or the rest.
    const lateOnes = await clerk.get<{ items: PetitionView[] }>('/petitions/acceptance-queue?overdue=true&pageSize=100');
    expect(lateOnes.body.items.map((i) => i.id)).toContain(late.id);
    expect(lateOnes.body.items.every((i) => i.acceptanceOverdue)).toBe(true);
    const inTime = await clerk.get<{ items: PetitionView[] }>('/petitions/acceptance-queue?overdue=false&pageSize=100');
    expect(inTime.body.items.map((i) => i.id)).not.toContain(late.id);
    expect(inTime.body.items.length).toBeGreaterThan(0);

    await waitFor(async () => {
      const found = await intakeEvents('intake.petition.acceptance-overdue.v1', late.id);
      return found.length ? found : undefined;
    }, { description: 'the overdue event' });
    // Several more scans run meanwhile; the event must still be there once.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await intakeEvents('intake.petition.acceptance-overdue.v1', late.id)).toHaveLength(1);
  });
});
