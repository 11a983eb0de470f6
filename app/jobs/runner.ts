import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Store } from '../../store/port.js';
import type { Job, JobContext, JobOutcome } from './job.js';

export type RunResult =
  | { status: 'done'; job: string; outcome: JobOutcome; startedAt: string; durationMs: number }
  | { status: 'busy'; job: string; holder: string | null; until: string | null };

export interface JobRunnerOptions {
  store: Store;
  /** The ports a run gets (asked at each run: they exist once the server listens). */
  context: () => Omit<JobContext, 'now' | 'log'>;
  clock: () => Date;
  logger: Logger;
  registry: Registry;
  /** How long a run holds its job's lease before another instance may take it; renewed every third of it while it runs. */
  leaseMs: number;
}

const EMPTY: JobOutcome = { processed: 0, skipped: 0, failed: 0 };

/**
 * The registry of named jobs and the one way they run — on their schedule or on an operator's request — each under its
 * lease in the store (`job:<name>`), so that of several instances exactly one runs a job at a time; the others are told
 * who holds it. Progress and outcome go to the log and to prom-client metrics.
 */
export class JobRunner {
  /** This instance, as a lease holder: host, process and a random part (two starts in one process differ). */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly jobs = new Map<string, Job>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private readonly metrics: { runs: Counter; items: Counter; duration: Histogram };

  constructor(private readonly options: JobRunnerOptions) {
    const registers = [options.registry];
    this.metrics = {
      runs: new Counter({
        name: 'smile_job_runs_total',
        help: 'Job runs by outcome (ok, failed, busy: another instance held the lease)',
        labelNames: ['job', 'outcome'],
        registers,
      }),
      items: new Counter({
        name: 'smile_job_items_total',
        help: 'Items a job run went through, by result (processed, skipped, failed)',
        labelNames: ['job', 'result'],
        registers,
      }),
      duration: new Histogram({
        name: 'smile_job_duration_seconds',
        help: 'How long a job run took',
        labelNames: ['job'],
        buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
        registers,
      }),
    };
  }

  register(job: Job): this {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    this.jobs.set(job.name, job);
    return this;
  }

  has(name: string): boolean {
    return this.jobs.has(name);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  /** Runs the job now unless another run (here or on another instance) holds its lease; a failed run throws. */
  async run(name: string, trigger: 'schedule' | 'admin' | 'start' = 'admin'): Promise<RunResult> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    const { store, clock, leaseMs } = this.options;
    const lease = `job:${name}`;
    const log = this.options.logger.child({ job: name, trigger });
    const acquired = await store.leases.acquire(lease, this.holder, leaseMs, clock()).catch((err: unknown) => {
      // The store is away: the run does not start (a scheduled one tries again at its next time).
      this.metrics.runs.inc({ job: name, outcome: 'failed' });
      log.warn({ err }, 'job not run: its lease could not be taken');
      throw err;
    });
    if (!acquired) {
      const held = await store.leases.holder(lease, clock());
      this.metrics.runs.inc({ job: name, outcome: 'busy' });
      log.debug({ holder: held?.holder }, 'job not run: another run holds its lease');
      return { status: 'busy', job: name, holder: held?.holder ?? null, until: held?.until ?? null };
    }
    // Renewed while it runs, so a long run keeps its lease; a run that dies lets another take it after leaseMs.
    const renew = setInterval(
      () => {
        store.leases.renew(lease, this.holder, leaseMs, clock()).then(
          (kept) => {
            if (!kept) log.warn('job lease lost while running (expired or taken over)');
          },
          (err: unknown) => log.warn({ err }, 'job lease not renewed'),
        );
      },
      Math.max(1, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    const started = clock();
    const t0 = process.hrtime.bigint();
    log.info('job started');
    const end = this.metrics.duration.startTimer({ job: name });
    try {
      const outcome = { ...EMPTY, ...(await job.run(this.contextFor(name, started, log))) };
      const durationMs = Number(process.hrtime.bigint() - t0) / 1e6;
      this.metrics.runs.inc({ job: name, outcome: 'ok' });
      for (const result of ['processed', 'skipped', 'failed'] as const) this.metrics.items.inc({ job: name, result }, outcome[result]);
      log.info({ ...outcome, durationMs: Math.round(durationMs) }, 'job finished');
      return { status: 'done', job: name, outcome, startedAt: started.toISOString(), durationMs: Math.round(durationMs) };
    } catch (err) {
      this.metrics.runs.inc({ job: name, outcome: 'failed' });
      log.error({ err }, 'job failed');
      throw err;
    } finally {
      end();
      clearInterval(renew);
      await store.leases.release(lease, this.holder, clock()).catch((err: unknown) => log.warn({ err }, 'job lease not released'));
    }
  }

  /** What a run of the job gets: the ports, the time and a logger naming it (a test may run a job's function with it). */
  contextFor(name: string, now: Date = this.options.clock(), log: Logger = this.options.logger.child({ job: name })): JobContext {
    return { ...this.options.context(), now, log };
  }

  /** Runs the job every `everyMs` (the first after one interval); a failed or refused run waits for the next. */
  every(name: string, everyMs: number): void {
    if (!this.jobs.has(name)) throw new Error(`no job named ${name}`);
    const timer = setInterval(() => this.background(name, 'schedule'), everyMs);
    timer.unref();
    this.timers.push(timer);
  }

  /** Starts a run without waiting for it (its failure is logged by run()). */
  background(name: string, trigger: 'schedule' | 'start' = 'schedule'): void {
    const p = this.run(name, trigger).catch(() => undefined);
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  /** Stops the schedule and waits for runs under way (so their leases are released before the store closes). */
  async stop(): Promise<void> {
    for (const t of this.timers.splice(0)) clearInterval(t);
    await Promise.allSettled([...this.running]);
  }
}
