/** The Lab's calls to the host (/api/lab/…), typed from shared/contract/labApi.ts. */
import type { BundleProgress } from '../../../../shared/contract/bundle';
import type { Gradebook, GradingProgress, LabCourse, LabCourseSummary, TrustedKeyView } from '../../../../shared/contract/labApi';
import type { Locale } from '../../../../shared/i18n/translate';
import { authorizationHeader } from '../../host/accessToken';
import { call, errorOf } from '../../host/hostClient';

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

export const labClient = {
  courses: () => call<LabCourseSummary[]>('/lab/courses'),
  atStart: () => call<string[]>('/lab/at-start'),
  course: (key: string) => call<LabCourse>(`/lab/courses/${encodeURIComponent(key)}`),
  open: (path: string, allowUnverified: boolean) => call<LabCourse>('/lab/open', json({ path, allowUnverified })),
  /** A dropped bundle: its bytes go to the host, which imports them as if opened. */
  async upload(file: File, allowUnverified: boolean): Promise<LabCourse> {
    const query = new URLSearchParams({ name: file.name, allowUnverified: String(allowUnverified) });
    const response = await fetch(`/api/lab/upload?${query}`, {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': 'application/octet-stream', ...authorizationHeader() },
      credentials: 'omit',
    });
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as LabCourse;
  },
  saveProgress: (key: string, progress: BundleProgress) =>
    call<void>(`/lab/courses/${encodeURIComponent(key)}/progress`, { method: 'PUT', body: JSON.stringify(progress) }),
  saveSubmission: (key: string, trainee: string, path: string) =>
    call<{ path: string }>(`/lab/courses/${encodeURIComponent(key)}/submission`, json({ trainee, path })),
  keys: () => call<TrustedKeyView[]>('/lab/keys'),
  trustKey: (path: string) => call<TrustedKeyView>('/lab/keys', json({ path })),
  removeKey: (fingerprint: string) => call<void>(`/lab/keys/${encodeURIComponent(fingerprint)}`, { method: 'DELETE' }),
  /** Grades; `jobId` (the page's) lets gradingProgress and cancelGrading reach it while it runs. */
  grade: (bundle: string, inputs: string[], jobId: string) => call<Gradebook>('/lab/grade', json({ bundle, inputs, jobId })),
  gradingProgress: (jobId: string) => call<GradingProgress>(`/lab/grade/${encodeURIComponent(jobId)}`),
  cancelGrading: (jobId: string) => call<void>(`/lab/grade/${encodeURIComponent(jobId)}/cancel`, { method: 'POST' }),
  saveGrades: (gradebookId: string, path: string, locale: Locale) => call<{ path: string }>('/lab/grades', json({ gradebookId, path, locale })),
};
