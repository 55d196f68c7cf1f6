import type { MobilityView } from '@ecvet/application';
import type { Language, VerifiedSigningLink } from '@ecvet/notifications';
import { messagePage } from './signing-pages';
import { PAGE_WORDING, type PageWording } from './signing-page.wording';

/** An HTML answer decided before the end of a handler (an error page, a re-rendered form). */
export class Page extends Error {
  constructor(
    readonly status: number,
    readonly html: string,
  ) {
    super(`signing page ${status}`);
  }
}

/** A link that may be used: its claims, the page's language, and the mobility it is about. */
export interface Opened {
  claims: VerifiedSigningLink;
  language: Language;
  mobility: MobilityView;
}

export const languageOf = (value: unknown): Language | undefined =>
  value === 'lv' || value === 'en' ? value : undefined;
export const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** The signing form's fields (typed full name, the "I agree" box) and what is wrong with them. */
export function readSignForm(
  body: unknown,
  w: PageWording,
): { fullName: string; errors: string[] } {
  const fullName = field(body, 'fullName').trim();
  const agreed = ['yes', 'on', 'true'].includes(field(body, 'agree'));
  const errors = [
    ...(fullName.length === 0 || fullName.length > 200 ? [w.errors.fullName] : []),
    ...(agreed ? [] : [w.errors.agree]),
  ];
  return { fullName, errors };
}

/** The declining form's fields (typed full name, the reason) and what is wrong with them. */
export function readDeclineForm(
  body: unknown,
  w: PageWording,
): { fullName: string; reason: string; errors: string[] } {
  const fullName = field(body, 'fullName').trim();
  const reason = field(body, 'reason').trim();
  const errors = [
    ...(fullName.length === 0 || fullName.length > 200 ? [w.errors.fullName] : []),
    ...(reason.length === 0 || reason.length > 2000 ? [w.errors.reason] : []),
  ];
  return { fullName, reason, errors };
}

/** A link that is not ours: we do not know its language, so both unless the reader chose. */
export function invalidLinkPage(lang?: Language): Page {
  if (lang) {
    const w = PAGE_WORDING[lang];
    return new Page(400, messagePage(lang, w.invalid.title, w.invalid.text));
  }
  const { lv, en } = PAGE_WORDING;
  return new Page(
    400,
    messagePage(
      'lv',
      `${lv.invalid.title} / ${en.invalid.title}`,
      `${lv.invalid.text} ${en.invalid.text}`,
    ),
  );
}
