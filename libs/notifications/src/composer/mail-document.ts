import { escapeHtml } from './html';
import type { Language } from './mail.types';

/**
 * A mail's content before it is rendered: the same structure gives the plain-text part and the
 * HTML part, so the two never say different things.
 */
export interface MailDocument {
  language: Language;
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Label → value lines: the mobility, the learner, the version, what is awaited, the deadline. */
  facts: Array<[string, string]>;
  action?: { label: string; url: string; note: string };
  after?: string[];
  closing: string[];
}

export function renderText(doc: MailDocument): string {
  const width = Math.max(...doc.facts.map(([label]) => label.length), 0) + 2;
  const blocks = [
    doc.greeting,
    ...doc.paragraphs,
    doc.facts.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n'),
    ...(doc.action ? [`${doc.action.label}:\n${doc.action.url}`, doc.action.note] : []),
    ...(doc.after ?? []),
    doc.closing.join('\n'),
  ];
  return `${blocks.filter((b) => b.length > 0).join('\n\n')}\n`;
}

export function renderHtml(doc: MailDocument): string {
  const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
  const facts = doc.facts
    .map(
      ([label, value]) =>
        `<tr><th style="text-align:left;vertical-align:top;padding:2px 12px 2px 0;white-space:nowrap">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const action = doc.action
    ? `<p><a href="${escapeHtml(doc.action.url)}" style="display:inline-block;padding:10px 18px;background:#1f5f99;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(doc.action.label)}</a></p>` +
      `<p style="font-size:13px;color:#555555">${escapeHtml(doc.action.note)}<br><span style="word-break:break-all">${escapeHtml(doc.action.url)}</span></p>`
    : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.language}"><head><meta charset="utf-8"><title>${escapeHtml(doc.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:640px">',
    p(doc.greeting),
    ...doc.paragraphs.map(p),
    `<table style="border-collapse:collapse;margin:12px 0">${facts}</table>`,
    action,
    ...(doc.after ?? []).map(p),
    `<p>${doc.closing.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
}
