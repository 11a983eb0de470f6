import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import { AppError, invalidRequest } from '../../domain/errors.js';
import type { JobRunner } from './runner.js';

/** Compares two secrets in constant time (their SHA-256, so their lengths do not show either). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const JobName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/);

/**
 * The operator's routes, behind `Authorization: Bearer <SMILE_ADMIN_TOKEN>` (401 without it, with another, or while no
 * token is configured): `POST /v1/admin/jobs/{name}/run` runs a job now → 200 with its outcome, 404 for a job that does
 * not exist, 409 while another run (on any instance) holds its lease.
 */
export function adminRouter(options: { token: string | undefined; jobs: JobRunner }): Router {
  const router = express.Router();
  router.use('/v1/admin', (req, _res, next) => {
    const given = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!options.token || !given || !sameSecret(given, options.token)) {
      next(new AppError('unauthorized', 'Send the operator token as Authorization: Bearer <SMILE_ADMIN_TOKEN>', 401));
      return;
    }
    next();
  });
  router.get('/v1/admin/jobs', (_req, res) => {
    res.json({ jobs: options.jobs.names() });
  });
  router.post('/v1/admin/jobs/:name/run', async (req, res) => {
    const name = JobName.safeParse(req.params.name);
    if (!name.success) throw invalidRequest(name.error);
    if (!options.jobs.has(name.data)) throw new AppError('not_found', `There is no job named ${name.data}`, 404);
    const result = await options.jobs.run(name.data, 'admin');
    if (result.status === 'busy') {
      throw new AppError(
        'job_running',
        `Job ${name.data} is running on another instance${result.until ? ` (lease until ${result.until})` : ''}`,
        409,
      );
    }
    res.json(result);
  });
  return router;
}
