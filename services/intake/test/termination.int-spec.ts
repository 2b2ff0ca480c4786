import { randomUUID } from 'node:crypto';
import { CASE_TERMINATED_V1, createEnvelope } from '@pdmc/contracts';
import { loadConfig } from '@pdmc/platform';
import {
  findEvents,
  publishEnvelope,
  startInProcess,
  waitFor,
  waitForEvent,
  type HttpClient,
  type InProcessService,
} from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPerson, aPetitionBody, piiEnv } from './support';

interface PetitionView {
  id: string;
  caseNumber: string;
  status: string;
  repeatOf?: { petitionId: string; caseNumber: string };
  acceptance?: { kind: string; reason?: string; decidedBy: string };
}

/**
 * Termination (终结, 信访工作条例 art. 36-37): once handling terminated a case, intake still
 * registers a new petition of the same person about the same matter, and records it as not
 * accepted with the fixed reason.
 */
describe('intake: a terminated matter is not accepted again (real servers)', () => {
  let svc: InProcessService;
  let clerk: HttpClient;

  beforeAll(async () => {
    svc = await startInProcess({
      label: 'intake-terminate',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: piiEnv(),
    });
    clerk = await svc.as({ sub: 'clerk-zhao', roles: ['intake_clerk'] });
  });

  afterAll(async () => {
    await svc?.close();
  });

  const register = async (person: Record<string, string>, over: Record<string, unknown> = {}): Promise<PetitionView> => {
    const res = await clerk.post<PetitionView>('/petitions', aPetitionBody({ petitioners: [person], ...over }));
    expect(res.status).toBe(201);
    return res.body;
  };

  const petition = async (id: string): Promise<PetitionView> => (await clerk.get<PetitionView>(`/petitions/${id}`)).body;

  /** Given handling terminated the case of `original` after the re-examination. */
  const terminate = async (original: PetitionView) => {
    const event = createEnvelope(
      CASE_TERMINATED_V1,
      {
        caseId: randomUUID(),
        petitionId: original.id,
        caseNumber: original.caseNumber,
        workUnit: 'LABOUR',
        ground: 'reexamination_decided',
        terminatedAt: new Date().toISOString(),
      },
      { correlationId: `corr-terminate-${original.id}` },
    );
    await publishEnvelope(svc.ns.natsUrl, svc.ns.busPrefix, event);
    return event;
  };

  const handled = (eventId: string) =>
    waitFor(() => svc.logs.some((l) => l.includes('"msg":"event handled"') && l.includes(eventId)), { description: `event ${eventId} handled` });

  const refused = (id: string) =>
    waitFor(
      async () => {
        const p = await petition(id);
        return p.status === 'not_accepted' ? p : undefined;
      },
      { description: `petition ${id} not accepted` },
    );

  it('registers the same person’s new petition about the terminated matter, then refuses it with the fixed reason', async () => {
    const person = aPerson();
    const original = await register(person);
    expect((await clerk.post(`/petitions/${original.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
    await handled((await terminate(original)).id);

    const again = await register(person, { subject: '再次反映退休金', description: '对复核意见仍不服，再次反映退休金问题。' });
    expect(again).toMatchObject({ status: 'registered', repeatOf: { petitionId: original.id, caseNumber: original.caseNumber } });
    const decided = await refused(again.id);
    expect(decided.acceptance).toMatchObject({ kind: 'not_accept', reason: 'terminated_after_reexamination', decidedBy: 'system:termination' });
    const declined = await waitForEvent(svc.ns, { stream: 'INTAKE', type: 'intake.petition.declined.v1', payload: { petitionId: again.id } });
    expect(declined.data['payload']).toMatchObject({ decision: 'not_accept', reason: 'terminated_after_reexamination' });
    // The timeline names the terminated case.
    const timeline = await clerk.get<{ entries: Array<{ action: string; by: string; details?: Record<string, unknown> }> }>(`/petitions/${again.id}/timeline`);
    expect(timeline.body.entries).toContainEqual(
      expect.objectContaining({
        action: 'not_accepted',
        by: 'system:termination',
        details: { reason: 'terminated_after_reexamination', terminatedCaseNumber: original.caseNumber },
      }),
    );
  });

  it('refuses a repeat that was waiting for its decision when the termination arrives', async () => {
    const person = aPerson();
    const original = await register(person);
    expect((await clerk.post(`/petitions/${original.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
    const waiting = await register(person, { subject: '再次反映' });
    expect(waiting.repeatOf?.petitionId).toBe(original.id);
    await terminate(original);
    expect((await refused(waiting.id)).acceptance?.reason).toBe('terminated_after_reexamination');
  });

  it('accepts the same person’s petition about another matter, and leaves a clerk’s earlier decision alone', async () => {
    const person = aPerson();
    const original = await register(person);
    expect((await clerk.post(`/petitions/${original.id}/acceptance-decision`, { decision: 'accept' })).status).toBe(200);
    const clerkDecided = await register(person, { subject: '再次反映' });
    expect((await clerk.post(`/petitions/${clerkDecided.id}/acceptance-decision`, { decision: 'not_accept', reason: 'litigation_arbitration_review' })).status).toBe(200);
    await handled((await terminate(original)).id);

    // Category 126 (noise) is another matter: a new petition, not a repeat.
    const other = await register(person, { categoryId: 126, subject: '夜间施工噪音', description: '小区旁工地夜间施工。' });
    expect(other.repeatOf).toBeUndefined();
    const registeredEvent = await waitForEvent(svc.ns, { stream: 'INTAKE', type: 'intake.petition.registered.v1', payload: { petitionId: other.id } });
    await handled(registeredEvent.data['id'] as string);
    expect((await petition(other.id)).status).toBe('registered');
    expect((await petition(clerkDecided.id)).acceptance).toMatchObject({ reason: 'litigation_arbitration_review', decidedBy: 'clerk-zhao' });
    expect(await findEvents(svc.ns, { stream: 'INTAKE', type: 'intake.petition.declined.v1', payload: { petitionId: other.id } })).toHaveLength(0);
  });
});
