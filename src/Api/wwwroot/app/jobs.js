// The jobs the page knows: from GET /v1/jobs and GET /v1/jobs/:id, kept current by the hub's job events.

const RANK = { queued: 0, processing: 1, completed: 2, failed: 2, canceled: 2 };
export const isTerminal = (status) => RANK[status] === 2;

export class JobStore {
  #jobs = new Map();

  get(id) { return this.#jobs.get(id); }

  /** Newest first, as GET /v1/jobs lists them. */
  list() {
    return [...this.#jobs.values()].sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
  }

  clear() { this.#jobs.clear(); }

  /**
   * A job as the REST API answered it. A read can lag the events already applied (the terminal event comes a moment
   * before the job reads as ended), so an answer behind the known status does not take the job back.
   */
  put(job) {
    const known = this.#jobs.get(job.id);
    if (known && RANK[job.status] < RANK[known.status]) {
      return known;
    }
    const merged = { ...known, ...job, sequence: known?.sequence ?? 0 };
    // Nor does it take a scene back that an event already finished.
    if (known?.progress && (known.progress.percent ?? 0) > (job.progress?.percent ?? 0)) merged.progress = known.progress;
    this.#jobs.set(job.id, merged);
    return merged;
  }

  /** A hub event; a repeat or an older one (by sequence) changes nothing and answers null. */
  apply(event) {
    const job = this.#jobs.get(event.job_id) ?? { id: event.job_id, sequence: 0 };
    if (event.sequence <= job.sequence) return null;
    const p = event.payload ?? {};
    job.sequence = event.sequence;
    if (p.status && RANK[p.status] >= (RANK[job.status] ?? -1)) job.status = p.status;
    for (const field of ['owner', 'created_at', 'completed_at', 'error', 'failure_type', 'credits_charged', 'credits_refunded']) {
      if (p[field] !== undefined) job[field] = p[field];
    }
    if (p.progress) job.progress = { ...job.progress, ...p.progress };
    // Event payloads carry no URLs: keep the presigned ones a read brought.
    if (p.output) job.output = { ...p.output, ...job.output };
    if (event.event_type === 'completed') {
      job.progress = { ...job.progress, percent: 100, scenes_completed: sceneIds(job).length || job.progress?.scenes_total };
    }
    this.#jobs.set(job.id, job);
    return job;
  }
}

/** The job's scene ids in storyboard order (or numbered ones when only the events are known). */
export function sceneIds(job) {
  const scenes = job.spec_snapshot?.scenes;
  if (Array.isArray(scenes)) return scenes.map((s, i) => s?.id ?? `scene ${i + 1}`);
  const total = job.progress?.scenes_total ?? 0;
  return Array.from({ length: total }, (_, i) => `scene ${i + 1}`);
}

/**
 * Each scene's progress, 0–100: a finished scene is 100, the one rendering is half way (the worker reports a scene's
 * start and end, nothing in between), the others 0.
 */
export function sceneProgress(job) {
  const completed = job.status === 'completed' ? Infinity : (job.progress?.scenes_completed ?? 0);
  const current = job.progress?.current_scene;
  return sceneIds(job).map((id, i) => ({ id, value: i < completed ? 100 : id === current ? 50 : 0 }));
}

export const title = (job) => job.spec_snapshot?.title ?? '';
