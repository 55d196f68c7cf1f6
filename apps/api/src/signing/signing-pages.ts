import type { LearningAgreementContent, SignatoryRole } from '@ecvet/domain';
import { escapeHtml as e, formatPeriod, formatWhen, type Language } from '@ecvet/notifications';
import { PAGE_WORDING, type PageWording } from './signing-page.wording';

/** The one stylesheet of the pages, inline; the pages' CSP allows it by its hash. */
export const PAGE_STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#f5f6f8;margin:0}
main{max-width:780px;margin:0 auto;padding:24px 20px 48px;background:#fff}
h1{margin:0 0 4px;font-size:1.7em}h2{margin-top:1.8em;border-bottom:1px solid #d8dce2;padding-bottom:4px;font-size:1.25em}
h3{margin:1.2em 0 .3em;font-size:1.05em}.lead{color:#4a5563;margin-top:0}.lang{text-align:right;margin:0}
table{border-collapse:collapse}th{text-align:left;vertical-align:top;padding:3px 14px 3px 0;white-space:nowrap;font-weight:600}td{padding:3px 0}
code{word-break:break-all;font-size:.9em}.unit{border-left:3px solid #1f5f99;padding-left:12px;margin:12px 0}
form{margin:12px 0;padding:14px;border:1px solid #d8dce2;border-radius:6px;background:#fafbfc}
label{display:block;margin:8px 0 4px}input[type=text],textarea{width:100%;box-sizing:border-box;padding:8px;font:inherit}
.check{display:flex;gap:8px;align-items:flex-start}.check input{margin-top:5px}
button{margin-top:12px;padding:10px 18px;font:inherit;border:0;border-radius:4px;color:#fff;background:#1f5f99;cursor:pointer}
button.decline{background:#8a2b2b}.error{color:#8a2b2b;font-weight:600}.notice{padding:12px 14px;border-radius:6px;background:#eef4fa}
footer{margin-top:40px;color:#6b7280;font-size:.85em}`;

/** The headers of the signing pages themselves. The token is in the URL: not cached, not indexed,
 * never sent as a referrer (helmet says no-referrer too; said here as well, because it matters
 * most here). The security headers — CSP (admitting exactly `PAGE_STYLE`), X-Frame-Options,
 * nosniff … — come with every response from apps/api/src/security/security-headers.ts. */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
};

function layout(language: Language, title: string, body: string, switchTo?: string): string {
  const w = PAGE_WORDING[language];
  const toggle =
    switchTo === undefined
      ? ''
      : `<p class="lang"><a href="${e(switchTo)}" hreflang="${w.other.language}" lang="${w.other.language}">${e(w.other.label)}</a></p>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${e(title)}</title><style>${PAGE_STYLE}</style></head>`,
    `<body><main>${toggle}${body}<footer>${e(w.footer)}</footer></main></body></html>`,
  ].join('\n');
}

/** A page that only says something: an error, or the confirmation after signing. */
export function messagePage(language: Language, title: string, text: string): string {
  return layout(language, title, `<h1>${e(title)}</h1><p class="notice">${e(text)}</p>`);
}

export interface AgreementPageInput {
  language: Language;
  token: string;
  role: SignatoryRole;
  content: LearningAgreementContent;
  contentHash: string;
  /** Where the page is served: the link itself (`GET /sign/:token`), or a form's action URL
   * (`POST /sign/:token/sign`, a 400 re-render). Relative URLs depend on it. */
  at: 'link' | 'action';
  /** What the reader typed last time, and what was wrong with it (a 400 re-render). */
  form?: { fullName?: string; reason?: string; errors?: string[]; action?: 'sign' | 'decline' };
}

const list = (items: string[]) =>
  items.length ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>` : '<p>—</p>';

const rows = (pairs: Array<[string, string | undefined]>) =>
  `<table>${pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`)
    .join('')}</table>`;

const person = (p: { name: string; email?: string } | undefined) =>
  p ? (p.email ? `${p.name} <${p.email}>` : p.name) : undefined;

/**
 * The agreement version the link was issued for — parties with their addresses, the learner,
 * the qualification and its EQF level, each unit with its outcomes and criteria, the period,
 * the mentors, the responsibilities, the version and its hash — and the two forms: sign (typed
 * full name and the "I agree" statement, which becomes the signature's intent) and decline
 * (with a reason). Forms post to relative URLs, so the page works behind a path prefix.
 */
export function agreementPage(input: AgreementPageInput): string {
  const { language, content: c, contentHash, role, token, form } = input;
  const actions = input.at === 'link' ? `${token}/` : '';
  const self = input.at === 'link' ? token : `../${token}`;
  const w: PageWording = PAGE_WORDING[language];
  const title = w.title(c.mobilityId, c.version);
  const errors = (action: 'sign' | 'decline') =>
    form?.action === action && form.errors?.length
      ? form.errors.map((m) => `<p class="error" role="alert">${e(m)}</p>`).join('')
      : '';
  const units = c.targetedUnits
    .map(
      (u) => `<div class="unit"><h3>${e(u.title[language])}</h3>
<p><strong>${e(w.labels.knowledge)}</strong></p>${list(u.knowledge)}
<p><strong>${e(w.labels.skills)}</strong></p>${list(u.skills)}
<p><strong>${e(w.labels.competence)}</strong></p>${list(u.competence)}
<p><strong>${e(w.labels.criteria)}</strong></p>${list(u.assessmentCriteria)}
${u.ecvetPoints !== undefined ? rows([[w.labels.ecvetPoints, String(u.ecvetPoints)]]) : ''}</div>`,
    )
    .join('\n');
  const institution = (i: LearningAgreementContent['host']) =>
    `${i.legalName} — ${i.legalAddress}, ${i.country}`;
  const body = `
<h1>${e(w.heading)}</h1>
<p class="lead">${e(w.lead(c.mobilityId, c.version, w.role[role]))}</p>

<h2>${e(w.sections.parties)}</h2>
${rows([
  [w.labels.sendingInstitution, institution(c.sendingInstitution)],
  [w.labels.host, institution(c.host)],
  [w.labels.learner, c.learner.name],
  [w.labels.guardian, c.learner.guardian?.name],
])}

<h2>${e(w.sections.qualification)}</h2>
${rows([
  [w.labels.qualification, c.qualification.title[language]],
  [w.labels.eqf, String(c.qualification.eqfLevel)],
  [w.labels.nqf, String(c.qualification.nqfLevel)],
  [w.labels.programme, c.qualification.programme],
])}

<h2>${e(w.sections.mobility)}</h2>
${rows([
  [w.labels.type, w.mobilityType[c.type] ?? c.type],
  [w.labels.period, formatPeriod(c.plannedPeriod, language)],
  [w.labels.lifeSkills, c.lifeSkills.map((s) => w.lifeSkill[s] ?? s).join('; ')],
])}

<h2>${e(w.sections.units)}</h2>
${units}

<h2>${e(w.sections.mentors)}</h2>
${rows([
  [w.labels.sendingMentor, person(c.mentors.sending)],
  [w.labels.hostMentor, person(c.mentors.host)],
])}

<h2>${e(w.sections.responsibilities)}</h2>
<h3>${e(w.labels.sendingInstitution)}</h3>${list(c.responsibilities.sendingSchool)}
<h3>${e(w.labels.host)}</h3>${list(c.responsibilities.host)}
<h3>${e(w.labels.learner)}</h3>${list(c.responsibilities.learner)}

<h2>${e(w.sections.insurance)}</h2>
${rows([
  [w.labels.insurer, c.insurance.provider],
  [w.labels.coverage, c.insurance.coverage],
])}

<h2>${e(w.sections.version)}</h2>
<table><tr><th>${e(w.labels.version)}</th><td>${e(c.version)}</td></tr>
<tr><th>${e(w.labels.hash)}</th><td><code>${e(contentHash)}</code></td></tr></table>

<h2 id="sign">${e(w.sections.sign)}</h2>
<form method="post" action="${e(actions)}sign">
<input type="hidden" name="lang" value="${language}">
${errors('sign')}
<label for="sign-name">${e(w.labels.fullName)}</label>
<input type="text" id="sign-name" name="fullName" required maxlength="200" autocomplete="name" value="${e(form?.action === 'sign' ? (form.fullName ?? '') : '')}">
<div class="check"><input type="checkbox" id="agree" name="agree" value="yes" required>
<label for="agree">${e(w.statement(c.version, contentHash))}</label></div>
<button type="submit">${e(w.signButton)}</button>
</form>

<h2 id="decline">${e(w.sections.decline)}</h2>
<p>${e(w.declineIntro)}</p>
<form method="post" action="${e(actions)}decline">
<input type="hidden" name="lang" value="${language}">
${errors('decline')}
<label for="decline-name">${e(w.labels.fullName)}</label>
<input type="text" id="decline-name" name="fullName" required maxlength="200" autocomplete="name" value="${e(form?.action === 'decline' ? (form.fullName ?? '') : '')}">
<label for="reason">${e(w.labels.reason)}</label>
<textarea id="reason" name="reason" rows="4" required maxlength="2000">${e(form?.action === 'decline' ? (form.reason ?? '') : '')}</textarea>
<button type="submit" class="decline">${e(w.declineButton)}</button>
</form>`;
  return layout(language, title, body, `${self}?lang=${w.other.language}`);
}

/** When something happened, as the page's reader reads it. */
export const pageWhen = (at: Date, language: Language) => formatWhen(at.toISOString(), language);
