import { afterEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import type { Job } from '../app/jobs/job.js';
import { parseSchedule } from '../app/jobs/schedule.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import { FIXED_NOW, startTestSmile } from './helpers.js';

const TOKEN = 'operator-token-0123456789';
const started: Smile[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.close();
});

async function start(env: Record<string, string> = {}, store?: EmbeddedStore): Promise<Smile> {
  const smile = await startTestSmile({ SMILE_ADMIN_TOKEN: TOKEN, ...env }, () => FIXED_NOW, store);
  started.push(smile);
  return smile;
}

async function runJob(smile: Smile, name: string, auth: string | null = `Bearer ${TOKEN}`): Promise<{ status: number; json: any }> {
  const res = await fetch(`${smile.url}/v1/admin/jobs/${name}/run`, { method: 'POST', headers: auth ? { authorization: auth } : {} });
  return { status: res.status, json: await res.json() };
}

/** A job that waits until told to finish, counting its runs: to hold its lease while another instance asks. */
function gatedJob(name: string): Job & { runs: number; open(): void } {
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const job = {
    name,
    runs: 0,
    async run() {
      job.runs += 1;
      await gate;
      return { processed: 1, skipped: 0, failed: 0 };
    },
    open() {
      release();
      gate = Promise.resolve();
    },
  };
  return job;
}

describe('POST /v1/admin/jobs/{name}/run', () => {
  it('when the operator token is missing, wrong or not configured, then it is 401 and nothing runs', async () => {
    const smile = await start();
    const job = gatedJob('probe');
    job.open();
    smile.jobs.register(job);
    for (const auth of [null, 'Bearer wrong-token-0123456789', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const r = await runJob(smile, 'probe', auth);
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('unauthorized');
    }
    expect(job.runs).toBe(0);
    const closed = await start({ SMILE_ADMIN_TOKEN: '' });
    expect((await runJob(closed, 'reorder-nudges')).status).toBe(401);
  });

  it('when the job does not exist, then it is 404; a malformed name is 400', async () => {
    const smile = await start();
    expect(await runJob(smile, 'no-such-job')).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
    expect((await runJob(smile, 'Bad%20Name')).status).toBe(400);
  });

  it('when a job runs, then it answers its outcome, logs nothing unsafe and counts it in the metrics', async () => {
    const smile = await start();
    const job = gatedJob('probe');
    job.open();
    smile.jobs.register(job);
    const r = await runJob(smile, 'probe');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: 'done',
      job: 'probe',
      outcome: { processed: 1, skipped: 0, failed: 0 },
      startedAt: FIXED_NOW.toISOString(),
    });
    const metrics = await (await fetch(`${smile.url}/metrics`)).text();
    expect(metrics).toMatch(/smile_job_runs_total\{job="probe",outcome="ok"\} 1/);
    expect(metrics).toMatch(/smile_job_items_total\{job="probe",result="processed"\} 1/);
    expect(metrics).toMatch(/smile_job_duration_seconds_count\{job="probe"\} 1/);
    // Released when done: it runs again at once.
    expect((await runJob(smile, 'probe')).status).toBe(200);
    expect(job.runs).toBe(2);
  });

  it('when another instance on the same store is running the job, then it is 409 and it runs once', async () => {
    const store = await EmbeddedStore.open(null);
    const one = await start({}, store);
    const two = await start({}, store);
    const a = gatedJob('probe');
    const b = gatedJob('probe');
    one.jobs.register(a);
    two.jobs.register(b);
    const first = runJob(one, 'probe');
    await expect.poll(() => a.runs).toBe(1);
    const second = await runJob(two, 'probe');
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('job_running');
    a.open();
    expect((await first).status).toBe(200);
    expect(b.runs).toBe(0);
    expect(await (await fetch(`${two.url}/metrics`)).text()).toMatch(/smile_job_runs_total\{job="probe",outcome="busy"\} 1/);
  });

  it('when a job fails, then it is a 500 with a request id and the failure is counted; its lease is free again', async () => {
    const smile = await start();
    let fail = true;
    smile.jobs.register({
      name: 'flaky',
      run: () => (fail ? Promise.reject(new Error('provider down: secret detail')) : Promise.resolve({ processed: 0, skipped: 0, failed: 0 })),
    });
    const r = await runJob(smile, 'flaky');
    expect(r.status).toBe(500);
    expect(r.json.error).toMatchObject({ code: 'internal_error', requestId: expect.any(String) });
    expect(JSON.stringify(r.json)).not.toContain('secret detail');
    expect(await (await fetch(`${smile.url}/metrics`)).text()).toMatch(/smile_job_runs_total\{job="flaky",outcome="failed"\} 1/);
    fail = false;
    expect((await runJob(smile, 'flaky')).status).toBe(200);
  });

  it('when the periodic sweeps run on two instances of one store, then each runs under its lease', async () => {
    const store = await EmbeddedStore.open(null);
    const one = await start({}, store);
    const two = await start({}, store);
    // Each start runs the sweep once in the background; once that is over, `one` holds the lease as a long run would.
    await expect.poll(() => store.leases.acquire('job:send-notices', one.jobs.holder, 60_000, FIXED_NOW), { timeout: 10_000 }).toBe(true);
    expect(await two.jobs.run('send-notices', 'schedule')).toMatchObject({ status: 'busy', holder: one.jobs.holder });
    await store.leases.release('job:send-notices', one.jobs.holder, FIXED_NOW);
    expect(await two.jobs.run('send-notices', 'schedule')).toMatchObject({ status: 'done' });
    expect(two.jobs.names()).toEqual(expect.arrayContaining(['send-notices', 'purge-expired', 'reconcile-pending', 'reorder-nudges']));
  });
});

describe('SMILE_JOB_SCHEDULE', () => {
  it('when it names jobs with intervals or off, then each is read in ms; a malformed entry is refused', () => {
    expect([...parseSchedule('reorder-nudges=24h, subscription-orders=off,x=90s,y=1.5d,z=1500ms')]).toEqual([
      ['reorder-nudges', 86_400_000],
      ['subscription-orders', null],
      ['x', 90_000],
      ['y', 129_600_000],
      ['z', 1500],
    ]);
    expect(() => parseSchedule('reorder-nudges')).toThrow(/name=/);
    expect(() => parseSchedule('a=5w')).toThrow();
    expect(() => parseSchedule('a=10ms')).toThrow(/once a second/);
  });
});
