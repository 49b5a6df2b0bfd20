// Intake (clerk): pick a service → its e-form (RJSF from the version's JSON Schema and UI schema,
// validated in the browser with the server's rules) → save a draft → attachments with progress,
// PDF preview and print → the citizen's consent → submit → the application's status timeline.
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Form from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import { api, ApiError, errorText, get, post } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { CentrePicker, useMyCentres } from '../../lib/centres';
import { formatDate, formatTime } from '../../lib/format';
import { Notice, Spinner } from '../../lib/layout';
import type { PageProps } from '../../lib/routes';
import { cspSafeValidator, localFormatProblems, serverProblems, toErrorSchema, type FieldProblem } from './form-validator';
import { prune, schemaForForm, toRjsfUiSchema, type EFormLabels, type EFormUi } from './ui-schema';
import { NS } from './i18n';
import './intake.css';

interface FormVersion {
  id: string;
  version: number;
  status: string;
  jsonSchema: Record<string, unknown>;
  uiSchema: EFormUi;
  labels: EFormLabels;
}

interface EForm {
  id: string;
  code: string;
  institutionCode: string;
  serviceCodes: string[];
  titleLv: string;
  titleEn: string;
  published: FormVersion | null;
}

export interface Application {
  id: string;
  reference: string;
  serviceCode: string;
  institutionCode: string;
  status: string;
  data: Record<string, unknown>;
  attachments: Array<{ id: string; fileName: string; contentType: string; size: number; uploadedAt: string }>;
  history: Array<{ at: string; by: string; from: string | null; to: string; reason?: string }>;
  decision: { outcome: string; messageLv?: string; messageEn?: string } | null;
  submittedAt: string | null;
}

interface CentreInfo {
  id: string;
  nameLv: string;
}

type Data = Record<string, unknown>;

/** Server field errors ('applicant.personalCode') as RJSF's extra errors. */
function apiErrorSchema(e: ApiError): ErrorSchema | undefined {
  const errors = e.problem.errors;
  if (!errors || errors.length === 0) return undefined;
  const root: Record<string, unknown> = {};
  for (const err of errors) {
    let node = root;
    for (const part of err.field.split('.').filter(Boolean)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), err.message];
  }
  return root as ErrorSchema;
}

function applicantOf(data: Data): { personalCode: string; name: string } {
  const a = (data.applicant ?? {}) as Record<string, unknown>;
  const name = [a.firstName, a.lastName].filter((v) => typeof v === 'string' && v).join(' ');
  return { personalCode: String(a.personalCode ?? ''), name: name || String(a.name ?? '') };
}

/** The errors above the form, each linked to its field (focus moves here after a refused save). */
function ErrorSummary({ problems, labelOf, lang }: { problems: FieldProblem[]; labelOf: (field: string) => string; lang: 'lv' | 'en' }): ReactNode {
  const { t } = useTranslation(NS);
  const fields = [...new Set(problems.map((p) => p.field))];
  return (
    <div className="notice notice-error form-error-list" role="alert" tabIndex={-1} id="intake-errors">
      <h3>{t('errorsTitle')}</h3>
      <p>{t('errorsCount', { count: fields.length })}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <a href={`#f_${p.field.replace(/\./g, '_')}`}>{labelOf(p.field)}</a>: {lang === 'en' ? p.messageEn : p.messageLv}
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function IntakePage(_props: PageProps): ReactNode {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language === 'en' ? 'en' : 'lv';
  const { centreIds, centres } = useMyCentres<CentreInfo>();
  const [centreId, setCentreId] = useState(centreIds[0] ?? '');
  const [forms, setForms] = useState<EForm[] | null>(null);
  const [choice, setChoice] = useState('');
  const [formData, setFormData] = useState<Data>({});
  const [live, setLive] = useState(false);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>(undefined);
  const [application, setApplication] = useState<Application | null>(null);
  const [step, setStep] = useState<'form' | 'review'>('form');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    get<EForm[]>('/api/v1/intake/forms').then(setForms, (e: unknown) => setError(errorText(e)));
  }, [centreIds]);

  const options = useMemo(
    () =>
      (forms ?? [])
        .filter((f) => f.published)
        .flatMap((f) => f.serviceCodes.map((code) => ({ value: `${f.code}|${code}`, form: f, serviceCode: code, label: `${code} — ${lang === 'en' ? f.titleEn : f.titleLv}` }))),
    [forms, lang],
  );
  const selected = options.find((o) => o.value === choice) ?? null;
  const version = selected?.form.published ?? null;
  const schema = useMemo(() => (version ? schemaForForm(version.jsonSchema) : null), [version]);
  const uiSchema = useMemo(() => (version ? toRjsfUiSchema(version.jsonSchema, version.uiSchema, version.labels, lang) : null), [version, lang]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const checkSeq = useRef(0);

  /** Browser-side format checks plus the server's own validation of the whole form. */
  const check = useCallback(
    async (data: Data): Promise<FieldProblem[] | null> => {
      if (!selected || !version) return [];
      const clean = prune(data);
      const local = localFormatProblems(version.jsonSchema, clean);
      const seq = ++checkSeq.current;
      try {
        const server = await serverProblems(selected.form.id, version.version, clean);
        if (seq !== checkSeq.current) return null;
        // The server repeats the format errors found here: one entry per field and message.
        const all = [...local, ...server].filter((p, i, list) => list.findIndex((q) => q.field === p.field && q.messageLv === p.messageLv) === i);
        setProblems(all);
        setExtraErrors(toErrorSchema(all, lang));
        return all;
      } catch (e) {
        setError(errorText(e));
        setProblems(local);
        setExtraErrors(toErrorSchema(local, lang));
        return local;
      }
    },
    [selected, version, lang],
  );

  // After the first refused save, every change is checked again (debounced).
  useEffect(() => {
    if (!live) return;
    const id = setTimeout(() => void check(formData), 400);
    return () => clearTimeout(id);
  }, [live, formData, check]);

  const labelOf = (field: string): string => {
    const pointer = '/' + field.split('.').map((p) => (/^\d+$/.test(p) ? '*' : p)).join('/');
    const labels = version?.labels;
    return labels?.[lang]?.[pointer] ?? labels?.lv?.[pointer] ?? field;
  };

  const reset = (): void => {
    setFormData({});
    setLive(false);
    setProblems([]);
    setExtraErrors(undefined);
    setApplication(null);
    setStep('form');
    setMessage(null);
    setError(null);
  };

  const save = async (data: Data): Promise<void> => {
    if (!selected) return;
    setBusy(true);
    setError(null);
    const found = await check(data);
    if (found && found.length > 0) {
      setLive(true);
      setBusy(false);
      requestAnimationFrame(() => document.getElementById('intake-errors')?.focus());
      return;
    }
    setExtraErrors(undefined);
    const clean = prune(data) as Data;
    try {
      const saved = application
        ? await api<Application>('PATCH', `/api/v1/intake/applications/${application.id}`, { body: { data: clean, applicant: applicantOf(clean) } })
        : await post<Application>('/api/v1/intake/applications', {
            formCode: selected.form.code,
            serviceCode: selected.serviceCode,
            centreId,
            applicant: applicantOf(clean),
            data: clean,
          });
      setApplication(saved);
      setStep('review');
      setMessage(t('savedDraft', { reference: saved.reference }));
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError) setExtraErrors(apiErrorSchema(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page intake-page" aria-labelledby="intake-title">
      <h1 id="intake-title">{t('title')}</h1>
      {error && <Notice kind="error">{error}</Notice>}
      {message && <Notice kind="success">{message}</Notice>}
      {step === 'form' && (
        <div className="intake-choose">
          <CentrePicker id="intake-centre" label={t('centre')} centreIds={centreIds} centres={centres} value={centreId} onChange={setCentreId} disabled={!!application} />
          {forms === null ? (
            <Spinner />
          ) : options.length === 0 ? (
            <p>{t('noForms')}</p>
          ) : (
            <p className="field">
              <label htmlFor="intake-service">{t('service')}</label>
              <select
                id="intake-service"
                value={choice}
                disabled={!!application}
                onChange={(e) => {
                  setChoice(e.target.value);
                  reset();
                }}
              >
                <option value="">{t('chooseService')}</option>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </p>
          )}
        </div>
      )}
      {step === 'form' && schema && uiSchema && selected && (
        <div className="intake-form" aria-label={t('formTitle')} role="region">
          <h2>{lang === 'en' ? selected.form.titleEn : selected.form.titleLv}</h2>
          {problems.length > 0 && <ErrorSummary problems={problems} labelOf={labelOf} lang={lang} />}
          <Form
            schema={schema}
            uiSchema={uiSchema}
            validator={cspSafeValidator}
            formData={formData}
            onChange={(e) => setFormData(prune(e.formData) as Data)}
            experimental_defaultFormStateBehavior={{ emptyObjectFields: 'skipEmptyDefaults' }}
            onSubmit={(e) => void save(e.formData as Data)}
            noValidate
            noHtml5Validate
            showErrorList={false}
            extraErrors={extraErrors}
            idPrefix="f"
          >
            <p className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {busy ? t('saving') : t('saveDraft')}
              </button>
            </p>
          </Form>
        </div>
      )}
      {step === 'review' && application && (
        <ApplicationReview
          application={application}
          onChange={setApplication}
          onEdit={() => setStep('form')}
          onNew={() => {
            setChoice('');
            reset();
          }}
        />
      )}
    </section>
  );
}

function ApplicationReview({ application, onChange, onEdit, onNew }: { application: Application; onChange: (a: Application) => void; onEdit: () => void; onNew: () => void }): ReactNode {
  const { t } = useTranslation(NS);
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const draft = application.status === 'draft';
  const consentText = t('consentText', { institution: application.institutionCode, lng: 'lv' });

  const refresh = useCallback(async () => {
    onChange(await get<Application>(`/api/v1/intake/applications/${application.id}`));
  }, [application.id, onChange]);

  // The timeline follows the institution's progress while the page is open.
  useEffect(() => {
    if (draft) return;
    const id = setInterval(() => void refresh().catch(() => undefined), 10_000);
    return () => clearInterval(id);
  }, [draft, refresh]);

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onChange(await post<Application>(`/api/v1/intake/applications/${application.id}/submit`, { consentTextLv: consentText }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="intake-review">
      <h2>
        {t('reference')}: <span data-testid="application-reference">{application.reference}</span>
      </h2>
      <p>
        {t('status')}: <strong data-testid="application-status">{t(`statuses.${application.status}`, { defaultValue: application.status })}</strong>
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      <Attachments application={application} onChange={onChange} editable={draft} />
      <PdfPanel application={application} />
      {draft ? (
        <section aria-labelledby="consent-title" className="card">
          <h3 id="consent-title">{t('consent')}</h3>
          <p lang="lv" className="consent-text">
            {consentText}
          </p>
          <p className="field-inline">
            <input id="consent" type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
            <label htmlFor="consent">{t('consentGiven')}</label>
          </p>
          <p className="form-actions">
            <button type="button" className="btn" onClick={onEdit}>
              {t('backToForm')}
            </button>
            <button type="button" className="btn btn-primary" disabled={!consent || busy} onClick={() => void submit()}>
              {busy ? t('submitting') : t('submit')}
            </button>
          </p>
        </section>
      ) : (
        <>
          <Notice kind="success">{t('submitted', { reference: application.reference })}</Notice>
          <Timeline application={application} />
          <p>
            <button type="button" className="btn btn-primary" onClick={onNew}>
              {t('newApplication')}
            </button>
          </p>
        </>
      )}
    </div>
  );
}

function Timeline({ application }: { application: Application }): ReactNode {
  const { t, i18n } = useTranslation(NS);
  return (
    <section aria-labelledby="timeline-title" className="card">
      <h3 id="timeline-title">{t('timeline')}</h3>
      <ol className="timeline" data-testid="timeline">
        {application.history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>
              {formatDate(h.at)} {formatTime(h.at)}
            </time>{' '}
            <strong>{t(`statuses.${h.to}`, { defaultValue: h.to })}</strong>
            {h.reason ? ` — ${h.reason}` : ''}
          </li>
        ))}
      </ol>
      {application.decision && (
        <p>{i18n.language === 'en' ? (application.decision.messageEn ?? application.decision.messageLv) : application.decision.messageLv}</p>
      )}
    </section>
  );
}

/** Multipart upload with progress (XMLHttpRequest: fetch has no upload progress). */
function upload(url: string, token: string | null, file: File, onProgress: (fraction: number) => void): Promise<Application> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Application);
      else {
        const p = (body ?? {}) as { title?: string; code?: string };
        reject(new ApiError({ ...(body as object), title: p.title ?? xhr.statusText, status: xhr.status, code: p.code ?? `HTTP.${xhr.status}` }));
      }
    };
    xhr.onerror = () => reject(new ApiError({ title: 'Network error', status: 0, code: 'CLIENT.NETWORK' }));
    const data = new FormData();
    data.append('file', file, file.name);
    xhr.send(data);
  });
}

function Attachments({ application, onChange, editable }: { application: Application; onChange: (a: Application) => void; editable: boolean }): ReactNode {
  const { t } = useTranslation(NS);
  const session = useSession();
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    if (!file) return;
    setError(null);
    setProgress({ name: file.name, fraction: 0 });
    try {
      onChange(await upload(`/api/v1/intake/applications/${application.id}/attachments`, session.token, file, (fraction) => setProgress({ name: file.name, fraction })));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section aria-labelledby="attachments-title" className="card">
      <h3 id="attachments-title">{t('attachments')}</h3>
      {application.attachments.length === 0 ? (
        <p>{t('noAttachments')}</p>
      ) : (
        <ul data-testid="attachments">
          {application.attachments.map((a) => (
            <li key={a.id}>
              {a.fileName} ({t('size', { size: Math.max(1, Math.round(a.size / 1024)) })})
            </li>
          ))}
        </ul>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {progress && (
        <p>
          <label htmlFor="upload-progress">{t('uploading', { name: progress.name })}</label>{' '}
          <progress id="upload-progress" max={1} value={progress.fraction} />
        </p>
      )}
      {editable && (
        <p className="field">
          <label htmlFor="attachment-file">{t('chooseFile')}</label>
          <input ref={input} id="attachment-file" type="file" accept="application/pdf,image/jpeg,image/png,image/tiff" aria-describedby="attachment-help" onChange={(e) => void onFile(e)} disabled={!!progress} />
          <span id="attachment-help" className="help">
            {t('attachmentHelp')}
          </span>
        </p>
      )}
    </section>
  );
}

function PdfPanel({ application }: { application: Application }): ReactNode {
  const { t, i18n } = useTranslation(NS);
  const session = useSession();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const load = async (): Promise<string | null> => {
    setError(null);
    try {
      const res = await fetch(`/api/v1/intake/applications/${application.id}/pdf?lang=${i18n.language === 'en' ? 'en' : 'lv'}`, { headers: { authorization: `Bearer ${session.token ?? ''}` } });
      if (!res.ok) throw new Error(res.statusText);
      const next = URL.createObjectURL(await res.blob());
      setUrl(next);
      return next;
    } catch {
      setError(t('pdfFrame'));
      return null;
    }
  };

  const print = async (): Promise<void> => {
    if (!url) await load();
    // The iframe has loaded the PDF; Chromium prints it with its own viewer.
    setTimeout(() => frame.current?.contentWindow?.print(), 500);
  };

  return (
    <section aria-labelledby="pdf-title" className="card">
      <h3 id="pdf-title">{t('pdf')}</h3>
      {error && <Notice kind="error">{error}</Notice>}
      <p className="form-actions">
        <button type="button" className="btn" onClick={() => void load()}>
          {t('pdfPreview')}
        </button>
        <button type="button" className="btn" onClick={() => void print()}>
          {t('pdfPrint')}
        </button>
      </p>
      {url && <iframe ref={frame} src={url} title={t('pdfFrame')} className="pdf-frame" />}
    </section>
  );
}
