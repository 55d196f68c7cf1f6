import { Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Interaction, Provider } from 'oidc-provider';
import type { Language } from '@ecvet/notifications';
import { AccountDirectory, hashPassword, verifyPassword, type AccountEntry } from '@ecvet/identity';
import { AuthSettings } from '../auth-settings';
import { Public } from '../public.decorator';
import {
  enrolPage,
  pageLanguage,
  passwordPage,
  secondFactorPage,
  sendPage,
  signInMessagePage,
} from '../sign-in-pages';
import { SIGN_IN_WORDING } from '../sign-in-page.wording';
import { SignInRecords } from '../sign-in-records';
import { SignInThrottle } from '../../security/sign-in-throttle';
import { TooManyRequests } from '../../security/too-many-requests';
import { EmbeddedProvider } from './embedded-provider';
import { newTotpSecret, TotpCodes, totpUri } from './totp';

/** Where a sign-in stands after a correct password, kept in the provider's interaction. */
interface Stage {
  kind: 'second-factor' | 'enrol';
  accountId: string;
  email: string;
  /** `enrol`: the secret shown, confirmed by a code before it is the account's. */
  secret?: string;
  /** When the password was verified (ms): the next step is due within STAGE_MS. */
  since: number;
}
const STAGE_MS = 10 * 60_000;

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** An answer decided before the end of a handler. */
class Answer extends Error {
  constructor(
    readonly status: number,
    readonly html: string,
  ) {
    super(`sign-in page ${status}`);
  }
}

/** A password hash to verify against when the account has none, so both take as long. */
let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hashPassword('not anyone’s password, only a decoy'));

/**
 * The embedded provider's sign-in pages (HTML, Latvian or English): e-mail and password; then
 * the TOTP code of an enrolled account, or — for an account without one while AUTH_MFA=required —
 * the enrolment of an authenticator (its secret and otpauth URI, confirmed by a code). Each
 * attempt goes through SignInThrottle (per IP, per e-mail, and the growing lock-out of an
 * e-mail from an IP); each failure of a known account is recorded as `SignInFailed`. The
 * provider's interaction cookie ties the pages to the authorization in progress.
 */
@ApiExcludeController()
@Public()
@Controller('auth/interaction')
export class InteractionController {
  private readonly logger = new Logger(InteractionController.name);

  constructor(
    private readonly op: EmbeddedProvider,
    private readonly settings: AuthSettings,
    private readonly directory: AccountDirectory,
    private readonly records: SignInRecords,
    private readonly throttle: SignInThrottle,
    private readonly totp: TotpCodes,
  ) {}

  @Get(':uid')
  async show(
    @Param('uid') uid: string,
    @Query('lang') lang: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.answer(res, async () => {
      const { interaction } = await this.open(uid, req, res, lang);
      const language = this.languageOf(interaction, lang);
      const at = this.at(uid);
      const stage = this.stageOf(interaction);
      if (stage?.kind === 'second-factor') return secondFactorPage({ language, at });
      if (stage?.kind === 'enrol' && stage.secret)
        return enrolPage({
          language,
          at,
          secret: stage.secret,
          uri: totpUri(stage.secret, stage.email),
        });
      return passwordPage({ language, at, email: interaction.params.login_hint as string });
    });
  }

  @Post(':uid/password')
  async password(
    @Param('uid') uid: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.answer(res, async () => {
      const { provider, interaction } = await this.open(uid, req, res, field(req.body, 'lang'));
      const language = this.languageOf(interaction, field(req.body, 'lang'));
      const w = SIGN_IN_WORDING[language];
      const at = this.at(uid);
      const email = field(req.body, 'email').trim().toLowerCase();
      const password = field(req.body, 'password');
      const again = (status: number, error: string) =>
        new Answer(status, passwordPage({ language, at, email, error }));
      if (!email || !password || email.length > 254) throw again(400, w.errors.missing);

      const account = await this.directory.byEmail(email);
      await this.throttled(req, email, account, (s, locked) =>
        again(429, locked ? w.errors.locked(s) : w.errors.tooMany(s)),
      );
      const credentials = account && (await this.directory.credentials(account.accountId));
      let ok = false;
      if (credentials?.passwordHash) ok = await verifyPassword(credentials.passwordHash, password);
      else await verifyPassword(await decoyHash(), password);
      if (!account || !ok) {
        await this.throttle.onFailure(req.ip, email);
        if (account) await this.records.failed(account.accountId, 'bad-password');
        throw again(401, w.errors.credentials);
      }
      this.refuseDisabled(account, language);

      if (credentials?.totpSecret) {
        await this.saveStage(provider, req, res, {
          kind: 'second-factor',
          accountId: account.accountId,
          email,
          since: Date.now(),
        });
      } else if (this.settings.mfa === 'required') {
        await this.saveStage(provider, req, res, {
          kind: 'enrol',
          accountId: account.accountId,
          email,
          secret: newTotpSecret(),
          since: Date.now(),
        });
      } else {
        await this.throttle.onSuccess(req.ip, email);
        return this.finish(provider, req, res, account.accountId, ['pwd']);
      }
      res.redirect(303, `${at}?lang=${language}`);
      return undefined;
    });
  }

  @Post(':uid/second-factor')
  async secondFactor(
    @Param('uid') uid: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.answer(res, async () => {
      const { provider, interaction } = await this.open(uid, req, res, field(req.body, 'lang'));
      const language = this.languageOf(interaction, field(req.body, 'lang'));
      const w = SIGN_IN_WORDING[language];
      const at = this.at(uid);
      const stage = this.stageOf(interaction);
      if (stage?.kind !== 'second-factor') {
        res.redirect(303, `${at}?lang=${language}`);
        return undefined;
      }
      const again = (status: number, error: string) =>
        new Answer(status, secondFactorPage({ language, at, error }));
      const account = await this.directory.byId(stage.accountId);
      await this.throttled(req, stage.email, account, (s, locked) =>
        again(429, locked ? w.errors.locked(s) : w.errors.tooMany(s)),
      );
      const secret = (await this.directory.credentials(stage.accountId))?.totpSecret;
      if (
        !account ||
        !secret ||
        !(await this.totp.accept(account.accountId, secret, field(req.body, 'code')))
      ) {
        await this.throttle.onFailure(req.ip, stage.email);
        if (account) await this.records.failed(account.accountId, 'bad-second-factor');
        throw again(401, w.errors.code);
      }
      this.refuseDisabled(account, language);
      await this.throttle.onSuccess(req.ip, stage.email);
      return this.finish(provider, req, res, account.accountId, ['pwd', 'otp']);
    });
  }

  @Post(':uid/enrol')
  async enrol(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      const { provider, interaction } = await this.open(uid, req, res, field(req.body, 'lang'));
      const language = this.languageOf(interaction, field(req.body, 'lang'));
      const w = SIGN_IN_WORDING[language];
      const at = this.at(uid);
      const stage = this.stageOf(interaction);
      if (stage?.kind !== 'enrol' || !stage.secret) {
        res.redirect(303, `${at}?lang=${language}`);
        return undefined;
      }
      const { secret } = stage;
      const again = (status: number, error: string) =>
        new Answer(
          status,
          enrolPage({ language, at, error, secret, uri: totpUri(secret, stage.email) }),
        );
      const account = await this.directory.byId(stage.accountId);
      await this.throttled(req, stage.email, account, (s, locked) =>
        again(429, locked ? w.errors.locked(s) : w.errors.tooMany(s)),
      );
      if (
        !account ||
        !(await this.totp.accept(account.accountId, secret, field(req.body, 'code')))
      ) {
        await this.throttle.onFailure(req.ip, stage.email);
        if (account) await this.records.failed(account.accountId, 'bad-second-factor');
        throw again(401, w.errors.code);
      }
      this.refuseDisabled(account, language);
      await this.directory.setTotpSecret(account.accountId, secret);
      await this.records.enrolledTotp(account.accountId);
      await this.throttle.onSuccess(req.ip, stage.email);
      return this.finish(provider, req, res, account.accountId, ['pwd', 'otp']);
    });
  }

  /** Runs a handler that answers with a page (or has answered itself: undefined). */
  private async answer(res: Response, handle: () => Promise<string | undefined>): Promise<void> {
    let status = 200;
    let html: string | undefined;
    try {
      html = await handle();
    } catch (err) {
      if (err instanceof Answer) {
        status = err.status;
        html = err.html;
      } else {
        this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
        const w = SIGN_IN_WORDING.lv;
        status = 500;
        html = signInMessagePage(
          'lv',
          w.failed.title,
          w.failed.text,
          this.startAgain(w.failed.again),
        );
      }
    }
    if (html !== undefined) sendPage(res, status, html, this.settings.formOrigins);
  }

  /** The interaction of this browser (its cookie) and this URL; an expired page otherwise. */
  private async open(
    uid: string,
    req: Request,
    res: Response,
    lang: unknown,
  ): Promise<{ provider: Provider; interaction: Interaction }> {
    const language = pageLanguage(lang);
    const w = SIGN_IN_WORDING[language];
    if (!this.op.enabled)
      throw new Answer(
        404,
        signInMessagePage(
          language,
          w.expired.title,
          w.expired.text,
          this.startAgain(w.expired.again),
        ),
      );
    const provider = await this.op.get();
    let interaction: Interaction | undefined;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch {
      interaction = undefined;
    }
    if (!interaction || interaction.uid !== uid || interaction.prompt.name !== 'login')
      throw new Answer(
        400,
        signInMessagePage(
          language,
          w.expired.title,
          w.expired.text,
          this.startAgain(w.expired.again),
        ),
      );
    return { provider, interaction };
  }

  /** Counts the attempt; over a limit (or locked out), the page with how long to wait. */
  private async throttled(
    req: Request,
    email: string,
    account: AccountEntry | undefined,
    page: (seconds: number, locked: boolean) => Answer,
  ): Promise<void> {
    try {
      await this.throttle.beforeAttempt(req.ip, email);
    } catch (err) {
      if (!(err instanceof TooManyRequests)) throw err;
      if (account && err.reason === 'locked')
        await this.records.failed(account.accountId, 'locked-out');
      throw page(err.retryAfterSeconds, err.reason === 'locked');
    }
  }

  private refuseDisabled(account: AccountEntry, language: Language): void {
    if (!account.disabled) return;
    void this.records.failed(account.accountId, 'disabled');
    const w = SIGN_IN_WORDING[language];
    throw new Answer(403, signInMessagePage(language, w.disabled.title, w.disabled.text));
  }

  private async saveStage(provider: Provider, req: Request, res: Response, stage: Stage) {
    await provider.interactionResult(
      req,
      res,
      { ecvet: stage },
      { mergeWithLastSubmission: false },
    );
  }

  private stageOf(interaction: Interaction): Stage | undefined {
    const stage = (interaction.result as { ecvet?: Stage } | undefined)?.ecvet;
    return stage && Date.now() - stage.since < STAGE_MS ? stage : undefined;
  }

  /** Signs the account in at the provider, which sends the browser on to the client. */
  private async finish(
    provider: Provider,
    req: Request,
    res: Response,
    accountId: string,
    amr: string[],
  ): Promise<undefined> {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId, amr, remember: false } },
      { mergeWithLastSubmission: false },
    );
    return undefined;
  }

  private languageOf(interaction: Interaction, lang: unknown): Language {
    return pageLanguage(lang, interaction.params.ui_locales);
  }

  private at(uid: string): string {
    return `${this.settings.publicUrl}/auth/interaction/${encodeURIComponent(uid)}`;
  }

  private startAgain(label: string) {
    return { href: `${this.settings.publicUrl}/auth/sign-in`, label };
  }
}
