import { http, waitFor, type ServiceName, type TestAuth } from '@pdmc/testing';
import { startSystem, type RunningSystem } from './system';

/**
 * An incident across the services: a large collective visit registered at intake's front desk
 * becomes a mass-gathering incident at emergency by rule, the police's desk sees the dispatch on
 * its feed, acknowledges, and the incident is tracked to its close.
 */
describe('a large visit at the front desk calls the responder units', () => {
  const SERVICES: ServiceName[] = ['intake', 'emergency'];
  let system: RunningSystem;
  let auth: TestAuth;
  let running: RunningSystem['running'];

  interface IncidentView {
    id: string;
    type: string;
    rule: string | null;
    status: string;
    petitionId: string | null;
    dispatches: Array<{ unit: string; status: string }>;
  }

  beforeAll(async () => {
    system = await startSystem('e2e-emerg', SERVICES);
    ({ auth, running } = system);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('given 40 people registered as one visit, then the police are dispatched, see it on their feed, and the incident closes once all cleared', async () => {
    const clerk = http(running.intake.baseUrl, await auth.headers({ sub: 'clerk-e2e', roles: ['intake_clerk'] }));
    const officer = http(running.emergency.baseUrl, await auth.headers({ sub: 'duty-e2e', roles: ['emergency_duty_officer'] }));
    const police = http(running.emergency.baseUrl, await auth.headers({ roles: ['responder_unit'], responderUnit: 'POLICE' }));

    // Given: a village's delegation of 40 people at the front desk about land compensation.
    const visit = await clerk.post<{ id: string }>('/petitions', {
      channel: 'visit',
      itemClass: 'appeal',
      categoryId: 106,
      townCode: 'CX',
      subject: '征地补偿款未到位',
      description: '村民四十人集体来访，反映征地补偿款未足额发放。',
      headcount: 40,
      receivedAt: new Date().toISOString(),
      petitioners: [{ name: '何建军', phone: '13904312211' }],
    });
    expect(visit.status).toBe(201);

    // Then: a mass-gathering incident, raised by rule, with the police dispatched.
    const incident = await waitFor(
      async () => {
        const list = await officer.get<IncidentView[]>('/incidents');
        return list.body.find((i) => i.petitionId === visit.body.id);
      },
      { description: 'the automatic incident', timeoutMs: 30_000 },
    );
    expect(incident).toMatchObject({ type: 'mass_gathering', rule: 'large-visit', status: 'open' });
    expect(incident.dispatches.map((d) => d.unit)).toContain('POLICE');

    // The police desk's feed holds the dispatch (read as a JSON page from the start).
    const feed = await police.get<{ items: Array<{ event: string; data: { payload: { incidentId: string } } }> }>('/units/POLICE/feed', undefined, {
      accept: 'application/json',
    });
    expect(feed.body.items.filter((i) => i.data.payload.incidentId === incident.id).map((i) => i.event)).toEqual(['dispatched']);

    // Every unit goes through its stages (or is stood down); then the officer closes it.
    for (const { unit } of incident.dispatches) {
      if (unit === 'POLICE') {
        for (const status of ['acknowledged', 'en_route', 'on_scene', 'cleared']) {
          expect((await police.post(`/incidents/${incident.id}/dispatches/POLICE/status`, { status })).status).toBe(200);
        }
      } else {
        expect((await officer.post(`/incidents/${incident.id}/dispatches/${unit}/stand-down`, { reason: '公安已到场处置' })).status).toBe(200);
      }
    }
    const closed = await officer.post<IncidentView>(`/incidents/${incident.id}/close`, { outcome: 'resolved_on_site', report: '群众代表已由接访领导接待，人员有序离开。' });
    expect(closed.body.status).toBe('closed');
  });
});
