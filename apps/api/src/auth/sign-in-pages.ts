import type { Response } from 'express';
import { escapeHtml as e, type Language } from '@ecvet/notifications';
import { cspHeader, hashSource } from '../security/content-security-policy';
import { PAGE_HEADERS, PAGE_STYLE } from '../signing/signing-pages';
import { SIGN_IN_WORDING, type SignInWording } from './sign-in-page.wording';

/** The signing pages' stylesheet, and what the sign-in forms add to it. */
export const SIGN_IN_PAGE_STYLE = `${PAGE_STYLE}
input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:8px;font:inherit}
input.code{width:10em;letter-spacing:.2em;font:inherit;padding:8px}.secret{font-size:1.1em;letter-spacing:.08em}`;

/**
 * The sign-in pages' Content-Security-Policy: as the signing pages' (one inline stylesheet by its
 * hash, no script, no image), with forms that post to this origin — whose answers may redirect
 * to `formOrigins` (the embedded provider's clients' redirect URIs).
 */
export function signInPageCsp(formOrigins: string[]): string {
  return cspHeader({
    'default-src': ["'none'"],
    'style-src': [hashSource(SIGN_IN_PAGE_STYLE)],
    'form-action': ["'self'", ...formOrigins],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
  });
}

export const languageOf = (value: unknown): Language | undefined =>
  value === 'lv' || value === 'en' ? value : undefined;

/** The language of a sign-in page: `?lang=`/the form's, else `ui_locales`, else Latvian. */
export function pageLanguage(...candidates: unknown[]): Language {
  for (const candidate of candidates) {
    const direct = languageOf(candidate);
    if (direct) return direct;
    if (typeof candidate === 'string')
      for (const tag of candidate.split(/\s+/)) {
        const primary = languageOf(tag.toLowerCase().split('-')[0]);
        if (primary) return primary;
      }
  }
  return 'lv';
}

/** Sends a page with the sign-in CSP (replacing the API's, which allows no style and no form). */
export function sendPage(
  response: Response,
  status: number,
  html: string,
  formOrigins: string[],
): void {
  response
    .status(status)
    .set(PAGE_HEADERS)
    .set('Content-Security-Policy', signInPageCsp(formOrigins))
    .send(html);
}

function layout(language: Language, title: string, body: string, switchTo?: string): string {
  const w = SIGN_IN_WORDING[language];
  const toggle =
    switchTo === undefined
      ? ''
      : `<p class="lang"><a href="${e(switchTo)}" hreflang="${w.other.language}" lang="${w.other.language}">${e(w.other.label)}</a></p>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${e(title)}</title><style>${SIGN_IN_PAGE_STYLE}</style></head>`,
    `<body><main>${toggle}${body}<footer>${e(w.footer)}</footer></main></body></html>`,
  ].join('\n');
}

const errorLine = (error: string | undefined) =>
  error ? `<p class="error" role="alert">${e(error)}</p>` : '';

/** A page that only says something, with an optional link onwards. */
export function signInMessagePage(
  language: Language,
  title: string,
  text: string,
  link?: { href: string; label: string },
): string {
  const onwards = link ? `<p><a href="${e(link.href)}">${e(link.label)}</a></p>` : '';
  return layout(language, title, `<h1>${e(title)}</h1><p class="notice">${e(text)}</p>${onwards}`);
}

export interface InteractionPageInput {
  language: Language;
  /** The interaction's address: `${PUBLIC_URL}/auth/interaction/<uid>`. */
  at: string;
  error?: string;
}

/** E-mail and password. */
export function passwordPage(input: InteractionPageInput & { email?: string }): string {
  const w: SignInWording = SIGN_IN_WORDING[input.language];
  const body = `<h1>${e(w.heading)}</h1>
<p class="lead">${e(w.lead)}</p>
<form method="post" action="${e(input.at)}/password">
<input type="hidden" name="lang" value="${input.language}">
${errorLine(input.error)}
<label for="email">${e(w.labels.email)}</label>
<input type="email" id="email" name="email" required maxlength="254" autocomplete="username" autofocus value="${e(input.email ?? '')}">
<label for="password">${e(w.labels.password)}</label>
<input type="password" id="password" name="password" required maxlength="1024" autocomplete="current-password">
<button type="submit">${e(w.signInButton)}</button>
</form>`;
  return layout(input.language, w.title, body, `${input.at}?lang=${w.other.language}`);
}

const codeField = (w: SignInWording) => `<label for="code">${e(w.labels.code)}</label>
<input type="text" class="code" id="code" name="code" required inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code" autofocus>`;

/** The TOTP code of an enrolled account. */
export function secondFactorPage(input: InteractionPageInput): string {
  const w = SIGN_IN_WORDING[input.language];
  const body = `<h1>${e(w.secondFactor.heading)}</h1>
<p class="lead">${e(w.secondFactor.lead)}</p>
<form method="post" action="${e(input.at)}/second-factor">
<input type="hidden" name="lang" value="${input.language}">
${errorLine(input.error)}
${codeField(w)}
<button type="submit">${e(w.continueButton)}</button>
</form>`;
  return layout(input.language, w.title, body, `${input.at}?lang=${w.other.language}`);
}

/** Enrolment of a TOTP authenticator: the secret, its otpauth URI, and a code to confirm it. */
export function enrolPage(input: InteractionPageInput & { secret: string; uri: string }): string {
  const w = SIGN_IN_WORDING[input.language];
  const grouped = input.secret.replace(/(.{4})/g, '$1 ').trim();
  const body = `<h1>${e(w.enrol.heading)}</h1>
<p class="lead">${e(w.enrol.lead)}</p>
<ol>${w.enrol.steps.map((s) => `<li>${e(s)}</li>`).join('')}</ol>
<table><tr><th>${e(w.labels.secret)}</th><td><code class="secret">${e(grouped)}</code></td></tr>
<tr><th>${e(w.labels.uri)}</th><td><a href="${e(input.uri)}"><code>${e(input.uri)}</code></a></td></tr></table>
<form method="post" action="${e(input.at)}/enrol">
<input type="hidden" name="lang" value="${input.language}">
${errorLine(input.error)}
${codeField(w)}
<button type="submit">${e(w.enrolButton)}</button>
</form>`;
  return layout(input.language, w.title, body, `${input.at}?lang=${w.other.language}`);
}
