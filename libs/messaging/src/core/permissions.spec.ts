import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as contracts from '@pdmc/contracts';
import { EVENT_REGISTRY, STREAMS } from '@pdmc/contracts';
import {
  CONSUMES,
  MESSAGING_SERVICES,
  natsPermissionsFor,
  renderNatsServerConfig,
  responderPermissionsFor,
  type NatsServerConfigOptions,
} from './permissions';

/** True when NATS would let `subject` through one of the allowed patterns. */
function allows(patterns: readonly string[], subject: string): boolean {
  const tokens = subject.split('.');
  return patterns.some((pattern) => {
    const parts = pattern.split('.');
    for (let i = 0; i < parts.length; i += 1) {
      if (parts[i] === '>') return tokens.length > i;
      if (i >= tokens.length || (parts[i] !== '*' && parts[i] !== tokens[i])) return false;
    }
    return parts.length === tokens.length;
  });
}

describe('CONSUMES', () => {
  it('names only known events (a service may also read its own, as intake does for terminated matters)', () => {
    for (const service of MESSAGING_SERVICES) {
      for (const subject of CONSUMES[service]) {
        expect(EVENT_REGISTRY.get(subject)?.producer).toBeDefined();
      }
    }
  });
});

describe('natsPermissionsFor', () => {
  it('lets routing publish routing.* and dlq.routing.*, never intake.* or others\' dead letters', () => {
    const { publish } = natsPermissionsFor('routing');

    expect(allows(publish.allow, 'routing.petition.routed.v1')).toBe(true);
    expect(allows(publish.allow, 'dlq.routing.intake.petition.accepted.v1')).toBe(true);
    expect(allows(publish.allow, 'intake.petition.accepted.v1')).toBe(false);
    expect(allows(publish.allow, 'intake.petition.registered.v1')).toBe(false);
    expect(allows(publish.allow, 'handling.case.opened.v1')).toBe(false);
    expect(allows(publish.allow, 'dlq.handling.routing.petition.routed.v1')).toBe(false);
  });

  it("grants routing its own durable on INTAKE's accepted petitions, and no one else's", () => {
    const { publish } = natsPermissionsFor('routing');
    const durable = 'routing__intake_petition_accepted_v1';

    expect(publish.allow).toEqual(
      expect.arrayContaining([
        `$JS.API.CONSUMER.CREATE.INTAKE.${durable}.intake.petition.accepted.v1`,
        `$JS.API.CONSUMER.INFO.INTAKE.${durable}`,
        `$JS.API.CONSUMER.MSG.NEXT.INTAKE.${durable}`,
        `$JS.ACK.INTAKE.${durable}.>`,
      ]),
    );
    const other = 'emergency__intake_petition_registered_v1';
    // Routing has its own durable on registered petitions since supervision (issue 14); emergency's stays emergency's.
    const refused = [
      `$JS.API.CONSUMER.CREATE.INTAKE.${other}.intake.petition.registered.v1`,
      `$JS.API.CONSUMER.CREATE.INTAKE.${durable}.intake.>`,
      // Its durable cannot be re-pointed at registered petitions, nor the old one re-created.
      `$JS.API.CONSUMER.CREATE.INTAKE.${durable}.intake.petition.registered.v1`,
      `$JS.API.CONSUMER.MSG.NEXT.INTAKE.${other}`,
      `$JS.ACK.INTAKE.${other}.1.1.1.1.0`,
      `$JS.API.CONSUMER.DELETE.INTAKE.${durable}`,
    ];
    expect(refused.filter((subject) => allows(publish.allow, subject))).toEqual([]);
  });

  it('lets emergency, not routing, consume every registered petition', () => {
    const { publish } = natsPermissionsFor('emergency');

    expect(CONSUMES.emergency).toEqual(['intake.petition.registered.v1', 'intake.petition.flags-changed.v1']);
    expect(CONSUMES.routing.slice(0, 2)).toEqual(['intake.petition.accepted.v1', 'handling.case.returned.v1']);
    // Supervision (issue 14) follows every service's events after those two.
    expect(CONSUMES.routing).toEqual(expect.arrayContaining(['intake.petition.registered.v1', 'handling.case.decided.v1', 'funds.disbursement.recorded.v1', 'emergency.incident.reported.v1']));
    expect(
      allows(
        publish.allow,
        '$JS.API.CONSUMER.CREATE.INTAKE.emergency__intake_petition_registered_v1.intake.petition.registered.v1',
      ),
    ).toBe(true);
  });

  it('lets a service create and update only its own, its sources\' and the dead-letter stream', () => {
    const { publish } = natsPermissionsFor('routing');

    for (const stream of ['ROUTING', 'INTAKE', 'HANDLING', 'DEAD_LETTERS']) {
      for (const op of ['INFO', 'CREATE', 'UPDATE']) {
        expect(allows(publish.allow, `$JS.API.STREAM.${op}.${stream}`)).toBe(true);
      }
      for (const op of ['DELETE', 'PURGE']) {
        expect(allows(publish.allow, `$JS.API.STREAM.${op}.${stream}`)).toBe(false);
      }
      // Removing single messages: only dead letters (an operator's discard and replay).
      expect(allows(publish.allow, `$JS.API.STREAM.MSG.DELETE.${stream}`)).toBe(stream === 'DEAD_LETTERS');
    }
    // Routing consumes from every producer since supervision (issue 14); emergency from intake only.
    expect(allows(natsPermissionsFor('emergency').publish.allow, '$JS.API.STREAM.CREATE.FUNDS')).toBe(false);
    expect(allows(publish.allow, '$JS.API.STREAM.NAMES')).toBe(false);
    expect(allows(publish.allow, '$JS.API.INFO')).toBe(true);
  });

  it('never grants publishing to _INBOX: replies go through allow_responses', () => {
    for (const service of MESSAGING_SERVICES) {
      const permissions = natsPermissionsFor(service);
      expect(allows(permissions.publish.allow, '_INBOX.ABC.DEF')).toBe(false);
      expect(permissions.allowResponses).toBe(true);
    }
  });

  it('lets funds subscribe to nothing beyond its inbox and its own request subjects', () => {
    const { subscribe } = natsPermissionsFor('funds');

    expect(subscribe.allow).toEqual(['_INBOX_funds.>', 'funds.>']);
    expect(allows(subscribe.allow, 'handling.case.opened.v1')).toBe(false);
    // Not the shared inbox, not another service's.
    expect(allows(subscribe.allow, '_INBOX.abc.1')).toBe(false);
    expect(allows(subscribe.allow, '_INBOX_intake.abc.1')).toBe(false);
  });

  it('gives intake consumer rights only for its own durables on what it follows downstream', () => {
    const { publish } = natsPermissionsFor('intake');
    const consumerRights = publish.allow.filter((s) => s.includes('CONSUMER') || s.startsWith('$JS.ACK'));

    // One durable per consumed event, and the replay consumer of its dead letters.
    expect(consumerRights.length).toBe(4 * CONSUMES.intake.length + 4);
    expect(consumerRights.every((s) => s.includes('.intake__'))).toBe(true);
    expect(allows(publish.allow, '$JS.API.CONSUMER.CREATE.DEAD_LETTERS.intake__replay.dlq.intake._replay.>')).toBe(true);
    expect(allows(publish.allow, '$JS.API.CONSUMER.CREATE.DEAD_LETTERS.intake__replay.dlq.routing._replay.>')).toBe(false);
    expect(allows(publish.allow, '$JS.API.CONSUMER.CREATE.HANDLING.funds__handling_case_opened_v1.handling.case.opened.v1')).toBe(false);
    expect(allows(publish.allow, 'intake.petition.registered.v1')).toBe(true);
  });

  it('applies the bus prefix to subjects and stream names as Bus does', () => {
    const { publish, subscribe } = natsPermissionsFor('handling', { prefix: 't1a2b' });
    const durable = 'handling__routing_petition_routed_v1';

    expect(publish.allow).toEqual(
      expect.arrayContaining([
        't1a2b.handling.>',
        't1a2b.dlq.handling.>',
        '$JS.API.STREAM.CREATE.T1A2B_ROUTING',
        `$JS.API.CONSUMER.CREATE.T1A2B_ROUTING.${durable}.t1a2b.routing.petition.routed.v1`,
        `$JS.ACK.T1A2B_ROUTING.${durable}.>`,
      ]),
    );
    expect(allows(publish.allow, 'handling.case.opened.v1')).toBe(false);
    expect(subscribe.allow).toEqual(['_INBOX_handling.>', 't1a2b.handling.>']);
    expect(() => natsPermissionsFor('handling', { prefix: '*' })).toThrow(/prefix/);
  });
});

describe('renderNatsServerConfig', () => {
  const base = { port: 4222, storeDir: '/data' };

  it('writes JetStream, every user with its permissions, and passwords as given', () => {
    const text = renderNatsServerConfig({
      ...base,
      host: '127.0.0.1',
      services: [
        { service: 'intake', user: 'intake', password: 'p4ss-word' },
        { service: 'funds', user: 'funds', password: '$FUNDS_NATS_PASSWORD' },
      ],
      extraUsers: [{ user: 'operator', password: 'op' }],
    });

    expect(text).toContain('host: "127.0.0.1"');
    expect(text).toContain('port: 4222');
    expect(text).toMatch(/jetstream \{\n {2}store_dir: "\/data"\n\}/);
    expect(text).toContain('user: "intake"\n      password: "p4ss-word"');
    expect(text).toContain('user: "funds"\n      password: $FUNDS_NATS_PASSWORD\n');
    expect(text).toContain('"$JS.API.CONSUMER.MSG.NEXT.HANDLING.funds__handling_case_opened_v1"');
    expect(text).toContain('allow_responses: true');
    expect(text).toMatch(/user: "operator"\n {6}password: "op"\n {4}\}/);
  });

  it('covers every stream a service writes to', () => {
    const text = renderNatsServerConfig({
      ...base,
      services: MESSAGING_SERVICES.map((service) => ({ service, user: service, password: 'x' })),
    });
    for (const { name } of Object.values(STREAMS)) expect(text).toContain(`"$JS.API.STREAM.CREATE.${name}"`);
  });

  it('refuses values that would break or change the configuration', () => {
    const intake = { service: 'intake' as const, user: 'intake', password: 'x' };
    const render = (overrides: Partial<NatsServerConfigOptions>) => () =>
      renderNatsServerConfig({ ...base, services: [intake], ...overrides });

    expect(render({ services: [{ ...intake, password: 'a"b' }] })).toThrow(/quotes/);
    expect(render({ services: [{ ...intake, password: '' }] })).toThrow(/empty/);
    expect(render({ services: [intake, intake] })).toThrow(/twice/);
    expect(render({ services: [{ ...intake, user: 'a b' }] })).toThrow(/user name/);
    expect(render({ port: 70000 })).toThrow(/port/);
    expect(render({ storeDir: '/data\n}' })).toThrow(/storeDir/);
    expect(render({ services: [] })).toThrow(/at least one user/);
  });
});

describe('CONSUMES against the services', () => {
  /** Every `@EventPattern(X.subject)` in a service's source, as subjects. */
  function handledSubjects(service: string): string[] {
    const root = join(__dirname, '../../../../services', service, 'src');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) files.push(path);
      }
    };
    walk(root);
    const exported = contracts as unknown as Record<string, { subject?: string }>;
    return files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/@EventPattern\(\s*([A-Z0-9_]+)\.subject/g)].map((m) => {
        const subject = exported[m[1]]?.subject;
        if (!subject) throw new Error(`${file}: ${m[1]} is not an event definition exported by @pdmc/contracts`);
        return subject;
      }),
    );
  }

  it.each(MESSAGING_SERVICES)('lists every event %s handles, so its NATS user may consume it', (service) => {
    const handled = handledSubjects(service);
    expect(handled.length).toBeGreaterThan(0);
    expect([...new Set(handled)].sort()).toEqual([...CONSUMES[service]].sort());
  });
});

describe('dispatch feeds and responder desks (issue 15)', () => {
  it('lets emergency read its own feeds back and answer units’ reports, not read other streams', () => {
    const { publish, subscribe } = natsPermissionsFor('emergency', { prefix: 'p1' });
    expect(allows(publish.allow, '$JS.API.CONSUMER.CREATE.P1_EMERGENCY.oc_x_1.p1.emergency.dispatch.POLICE.>')).toBe(true);
    expect(allows(publish.allow, '$JS.API.CONSUMER.MSG.NEXT.P1_EMERGENCY.oc_x_1')).toBe(true);
    expect(allows(publish.allow, '$JS.API.STREAM.MSG.GET.P1_EMERGENCY')).toBe(true);
    expect(allows(publish.allow, '$JS.API.CONSUMER.CREATE.P1_INTAKE.oc_x_1.p1.intake.>')).toBe(false);
    expect(allows(publish.allow, '$JS.API.STREAM.MSG.GET.P1_INTAKE')).toBe(false);
    expect(allows(subscribe.allow, 'p1.responders.HEALTH.status-reports')).toBe(true);
  });

  it('lets a unit’s desk follow its own feed through its own consumer and report for itself only', () => {
    const { publish, subscribe, allowResponses } = responderPermissionsFor('HEALTH');
    expect(allows(publish.allow, '$JS.API.CONSUMER.CREATE.EMERGENCY.console_HEALTH.emergency.dispatch.HEALTH.>')).toBe(true);
    expect(allows(publish.allow, '$JS.API.CONSUMER.MSG.NEXT.EMERGENCY.console_HEALTH')).toBe(true);
    expect(allows(publish.allow, '$JS.ACK.EMERGENCY.console_HEALTH.1.7.7.1700000000000000000.0')).toBe(true);
    expect(allows(publish.allow, 'responders.HEALTH.status-reports')).toBe(true);
    const refused = [
      '$JS.API.CONSUMER.CREATE.EMERGENCY.console_HEALTH.emergency.dispatch.POLICE.>',
      '$JS.API.CONSUMER.CREATE.EMERGENCY.console_HEALTH.emergency.>',
      '$JS.API.CONSUMER.CREATE.EMERGENCY.console_POLICE.emergency.dispatch.POLICE.>',
      '$JS.API.CONSUMER.MSG.NEXT.EMERGENCY.console_POLICE',
      '$JS.API.STREAM.MSG.GET.EMERGENCY',
      '$JS.API.CONSUMER.CREATE.INTAKE.console_HEALTH.intake.>',
      'responders.POLICE.status-reports',
      'emergency.dispatch.HEALTH.acknowledged.v1',
    ];
    for (const subject of refused) expect([subject, allows(publish.allow, subject)]).toEqual([subject, false]);
    expect(subscribe.allow).toEqual(['_INBOX_responder_HEALTH.>']);
    expect(allowResponses).toBe(false);
  });
});

describe('renderNatsServerConfig durability', () => {
  const services = [{ service: 'intake' as const, user: 'intake', password: 'secret-1' }];

  it('writes sync_interval when asked (always on a single node) and refuses nonsense', () => {
    const text = renderNatsServerConfig({ services, port: 4222, storeDir: '/data', syncInterval: 'always' });
    expect(text).toContain('jetstream {\n  store_dir: "/data"\n  sync_interval: always\n}');
    expect(renderNatsServerConfig({ services, port: 4222, storeDir: '/data' })).not.toContain('sync_interval');
    expect(() => renderNatsServerConfig({ services, port: 4222, storeDir: '/data', syncInterval: 'often' })).toThrow(/syncInterval/);
  });
});
