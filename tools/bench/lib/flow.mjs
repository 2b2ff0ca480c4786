// One petition from registration to its case in handling, as bench:flow and bench:scale measure it:
//   POST /petitions → POST acceptance-decision {accept} → intake.petition.accepted.v1 → routing
//   → routing.petition.routed.v1 → handling opens the case (GET /cases?petitionId=).
import { pool, requestJson, sleep } from '../../demo-data/lib/local.mjs';

/**
 * Runs `count` petitions through, `concurrency` at a time. Each result holds the client-side
 * times (total, afterAccept, acceptReply, register) and `server`: case opened − accepted, by the
 * services' own clocks. Problems are counted by kind.
 */
export async function registerToCase({ count, concurrency, intake, handling, clerk, dispatcher, generator, key, pollMs = 100, timeoutS = 60, runDeadline = Infinity }) {
  const results = [];
  const problems = new Map();
  const problem = (k) => problems.set(k, (problems.get(k) ?? 0) + 1);
  async function one(i) {
    if (performance.now() > runDeadline) return problem('not started: run deadline');
    const { body } = generator.next();
    const k = key(i);
    const t0 = performance.now();
    const reg = await requestJson('POST', `${intake}/petitions`, {
      token: clerk,
      body: { ...body, subject: `【压测】${body.subject}`.slice(0, 200) },
      headers: { 'idempotency-key': k, 'x-correlation-id': k },
    });
    if (reg.status !== 201) return problem(`register ${reg.status || reg.error} ${reg.body?.code ?? ''}`.trim());
    const id = reg.body.id;
    const t1 = performance.now();
    const acc = await requestJson('POST', `${intake}/petitions/${id}/acceptance-decision`, {
      token: clerk,
      body: { decision: 'accept' },
      headers: { 'x-correlation-id': k },
    });
    if (acc.status !== 200) return problem(`accept ${acc.status || acc.error} ${acc.body?.code ?? ''}`.trim());
    const t2 = performance.now();
    const giveUp = Math.min(t1 + timeoutS * 1000, runDeadline);
    while (performance.now() < giveUp) {
      const res = await requestJson('GET', `${handling}/cases?petitionId=${id}`, { token: dispatcher, timeoutMs: 5000 });
      if (res.status === 200 && res.body?.items?.length) {
        const t3 = performance.now();
        const serverMs = Date.parse(res.body.items[0].openedAt) - Date.parse(acc.body.acceptance?.decidedAt);
        results.push({ total: t3 - t0, afterAccept: t3 - t1, acceptReply: t2 - t1, server: serverMs, register: t1 - t0 });
        return;
      }
      if (res.status !== 200) problem(`poll ${res.status || res.error}`);
      await sleep(pollMs);
    }
    problem(`no case within ${timeoutS} s`);
  }
  await pool(count, concurrency, one);
  return { results, problems };
}
