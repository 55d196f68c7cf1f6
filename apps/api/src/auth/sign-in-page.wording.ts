import type { Language } from '@ecvet/notifications';

/** What the sign-in pages say, in Latvian (the default) or English. */
export interface SignInWording {
  other: { language: Language; label: string };
  title: string;
  heading: string;
  lead: string;
  labels: { email: string; password: string; code: string; secret: string; uri: string };
  signInButton: string;
  continueButton: string;
  enrolButton: string;
  secondFactor: { heading: string; lead: string };
  enrol: { heading: string; lead: string; steps: string[] };
  errors: {
    credentials: string;
    missing: string;
    code: string;
    disabled: string;
    locked: (seconds: number) => string;
    tooMany: (seconds: number) => string;
  };
  expired: { title: string; text: string; again: string };
  notProvisioned: { title: string; text: (email: string) => string };
  disabled: { title: string; text: string };
  failed: { title: string; text: string; again: string };
  footer: string;
}

const lv: SignInWording = {
  other: { language: 'en', label: 'English' },
  title: 'Pieteikšanās — ECVET mobilitāšu sistēma',
  heading: 'Pieteikšanās',
  lead: 'Ievadiet sava konta e-pasta adresi un paroli.',
  labels: {
    email: 'E-pasta adrese',
    password: 'Parole',
    code: 'Vienreizējais kods (6 cipari)',
    secret: 'Slepenā atslēga',
    uri: 'Saite autentifikācijas lietotnei',
  },
  signInButton: 'Pieteikties',
  continueButton: 'Turpināt',
  enrolButton: 'Apstiprināt un pieteikties',
  secondFactor: {
    heading: 'Otrais faktors',
    lead: 'Ievadiet kodu, ko rāda Jūsu autentifikācijas lietotne.',
  },
  enrol: {
    heading: 'Otrā faktora iestatīšana',
    lead: 'Darbiniekiem pieteikšanās ar paroli vien nav atļauta: iestatiet autentifikācijas lietotni (piemēram, FreeOTP, Aegis vai Google Authenticator).',
    steps: [
      'Lietotnē pievienojiet jaunu kontu un ievadiet slepeno atslēgu (vai atveriet saiti tālrunī).',
      'Ievadiet kodu, ko lietotne rāda, lai apstiprinātu iestatīšanu.',
    ],
  },
  errors: {
    credentials: 'Nepareiza e-pasta adrese vai parole.',
    missing: 'Ievadiet e-pasta adresi un paroli.',
    code: 'Kods nav pareizs. Ievadiet pašreizējo kodu no lietotnes.',
    disabled: 'Šis konts ir bloķēts. Sazinieties ar savas iestādes administratoru.',
    locked: (s) => `Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlreiz pēc ${s} s.`,
    tooMany: (s) => `Pārāk daudz mēģinājumu. Mēģiniet vēlreiz pēc ${s} s.`,
  },
  expired: {
    title: 'Pieteikšanās laiks beidzies',
    text: 'Šī pieteikšanās vairs nav derīga (tā ilga pārāk ilgi vai jau ir pabeigta).',
    again: 'Sākt no jauna',
  },
  notProvisioned: {
    title: 'Nav piekļuves',
    text: (email) =>
      `Kontam ${email} šajā sistēmā nav piekļuves. Piekļuvi (lomu un iestādi) piešķir administrators.`,
  },
  disabled: {
    title: 'Konts bloķēts',
    text: 'Šis konts ir bloķēts. Sazinieties ar savas iestādes administratoru.',
  },
  failed: {
    title: 'Pieteikšanās neizdevās',
    text: 'Pieteikšanās neizdevās. Lūdzu, mēģiniet vēlreiz.',
    again: 'Mēģināt vēlreiz',
  },
  footer: 'ECVET mobilitāšu sistēma',
};

const en: SignInWording = {
  other: { language: 'lv', label: 'Latviešu' },
  title: 'Sign in — ECVET mobility system',
  heading: 'Sign in',
  lead: 'Enter your account’s e-mail address and password.',
  labels: {
    email: 'E-mail address',
    password: 'Password',
    code: 'One-time code (6 digits)',
    secret: 'Secret key',
    uri: 'Link for an authenticator app',
  },
  signInButton: 'Sign in',
  continueButton: 'Continue',
  enrolButton: 'Confirm and sign in',
  secondFactor: {
    heading: 'Second factor',
    lead: 'Enter the code your authenticator app shows.',
  },
  enrol: {
    heading: 'Set up a second factor',
    lead: 'Staff may not sign in with a password alone: set up an authenticator app (FreeOTP, Aegis or Google Authenticator, for example).',
    steps: [
      'In the app, add an account and enter the secret key (or open the link on your phone).',
      'Enter the code the app shows, to confirm the set-up.',
    ],
  },
  errors: {
    credentials: 'The e-mail address or the password is wrong.',
    missing: 'Enter your e-mail address and password.',
    code: 'The code is not right. Enter the app’s current code.',
    disabled: 'This account is disabled. Please contact your institution’s administrator.',
    locked: (s) => `Too many failed attempts. Try again in ${s} s.`,
    tooMany: (s) => `Too many attempts. Try again in ${s} s.`,
  },
  expired: {
    title: 'The sign-in has expired',
    text: 'This sign-in is no longer valid (it took too long, or it has already finished).',
    again: 'Start again',
  },
  notProvisioned: {
    title: 'No access',
    text: (email) =>
      `The account ${email} has no access to this system. An administrator grants access (a role and an institution).`,
  },
  disabled: {
    title: 'Account disabled',
    text: 'This account is disabled. Please contact your institution’s administrator.',
  },
  failed: {
    title: 'Sign-in failed',
    text: 'The sign-in did not succeed. Please try again.',
    again: 'Try again',
  },
  footer: 'ECVET mobility system',
};

export const SIGN_IN_WORDING: Record<Language, SignInWording> = { lv, en };
