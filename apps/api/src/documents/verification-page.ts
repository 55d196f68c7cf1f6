import type { DocumentVerification, VerifiedSignature } from '@ecvet/application';
import { escapeHtml as e, formatWhen, type Language } from '@ecvet/notifications';
import { PAGE_STYLE } from '../signing/signing-pages';
import { DOCUMENT_WORDING } from './document.wording';

/**
 * The verification page (`GET /verify/{hash}`), public, in Latvian or English: which document
 * and version the hash is of, where it stands now, who signed it when. It shows only what the
 * verification holds — ids, roles, signers' names, institutions, methods and times — never an
 * e-mail, a date of birth, an address or a reason. Its one stylesheet is the signing pages'
 * (`PAGE_STYLE`), so the same Content-Security-Policy admits it by its hash.
 */
function layout(language: Language, title: string, body: string, switchTo: string): string {
  const w = DOCUMENT_WORDING[language];
  // A query-only link (`?lang=en`): the same page in the other language.
  const toggle = `<p class="lang"><a href="${e(switchTo)}" hreflang="${w.other.language}" lang="${w.other.language}">${e(w.other.label)}</a></p>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${e(title)}</title><style>${PAGE_STYLE}</style></head>`,
    `<body><main>${toggle}${body}<footer>${e(w.footer)}</footer></main></body></html>`,
  ].join('\n');
}

const rows = (pairs: Array<[string, string | number | undefined]>) =>
  `<table>${pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`)
    .join('')}</table>`;

/** The page for a hash that a document has. */
export function verificationPage(language: Language, v: DocumentVerification): string {
  const w = DOCUMENT_WORDING[language];
  const when = (at: string) => formatWhen(at, language);
  const title = `${w.verify.heading} — ${w.title[v.document.type]}`;
  const d = v.document;
  const signatureTable = (list: VerifiedSignature[]) =>
    `<table><tr><th>${e(w.labels.role)}</th><th>${e(w.labels.name)}</th><th>${e(w.labels.institution)}</th><th>${e(w.labels.method)}</th><th>${e(w.labels.when)}</th></tr>${list
      .map(
        (s) =>
          `<tr><td>${e([w.role[s.role] ?? s.role, s.title].filter(Boolean).join(' — '))}</td><td>${e(s.name === undefined ? '—' : (s.name ?? w.erased))}</td><td>${e(s.institution ?? s.institutionId ?? '')}</td><td>${e(w.method[s.method] ?? s.method)}</td><td>${e(when(s.at))}</td></tr>`,
      )
      .join('')}</table>`;
  const signed = new Set(v.signatures.map((s) => s.role));
  const awaiting = (v.requiredSignatories ?? []).filter((r) => !signed.has(r));
  const body = `
<h1>${e(w.title[d.type])}</h1>
<p class="lead">${e(w.lead(d))}</p>
<p class="notice" id="status" data-status="${e(v.status)}"><strong>${e(w.labels.status)}: ${e(w.status[v.status])}.</strong> ${e(w.standing(v, when))}</p>

<h2>${e(w.verify.heading)}</h2>
${rows([
  [w.labels.mobility, d.mobilityId],
  [w.labels.partnership, d.partnershipId],
  [w.labels.version, d.version],
  [w.labels.latestVersion, d.latestVersion],
  [w.labels.documentId, d.documentId],
  [w.labels.fullySigned, v.fullySigned === undefined ? undefined : v.fullySigned ? w.yes : w.no],
  [
    w.labels.awaiting,
    awaiting.length && v.status !== 'revoked'
      ? awaiting.map((r) => w.role[r] ?? r).join(', ')
      : undefined,
  ],
])}
<table><tr><th>${e(w.labels.hash)}</th><td><code>${e(v.hash)}</code></td></tr></table>

<h2>${e(w.sections.signatures)}</h2>
${v.signatures.length ? signatureTable(v.signatures) : `<p>${e(w.verify.noSignatures)}</p>`}
${v.declines.length ? `<h2>${e(w.sections.declines)}</h2>${signatureTable(v.declines)}` : ''}

<p>${e(w.verify.explanation)}</p>`;
  return layout(language, title, body, `?lang=${w.other.language}`);
}

/** The page for a hash that no document has. */
export function unknownHashPage(language: Language): string {
  const w = DOCUMENT_WORDING[language];
  return layout(
    language,
    w.verify.notFound.title,
    `<h1>${e(w.verify.notFound.title)}</h1><p class="notice">${e(w.verify.notFound.text)}</p>`,
    `?lang=${w.other.language}`,
  );
}
