import { Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { v5 as uuidv5 } from 'uuid';
import {
  GetAgreementVersionQuery,
  GetViewQuery,
  MobilityService,
  type MobilityView,
} from '@ecvet/application';
import type { WriteOutcome } from '@ecvet/event-sourcing';
import { DomainError, type CommandContext, type LearningAgreementContent } from '@ecvet/domain';
import { StreamNotFound } from '@ecvet/event-store';
import { Public } from '../auth/public.decorator';
import { ApiPages } from './signing-page-responses';
import {
  SigningLinkExpired,
  SigningLinkGenerations,
  SigningLinkInvalid,
  SigningLinks,
  SigningLinkUsed,
  SigningLinkUses,
  type Language,
  type SigningLinkOutcome,
  type VerifiedSigningLink,
} from '@ecvet/notifications';
import {
  field,
  invalidLinkPage,
  languageOf,
  Page,
  readDeclineForm,
  readSignForm,
  type Opened,
} from './signing-form';
import { RateLimit } from '../http/rate-limit';
import { agreementPage, messagePage, PAGE_HEADERS, pageWhen } from './signing-pages';
import { PAGE_WORDING } from './signing-page.wording';

// Namespace of the command ids of signing links: one command per link, so a retried post (or a
// post after a crash between the command and the record of the link's use) appends nothing new.
const SIGNING_LINK_NAMESPACE = '0b7d5c1e-2f4a-4e9b-8c3d-6a1f9e2b7c54';

/**
 * The signing pages: a signatory without an account opens the link from a reminder, reads the
 * agreement version it was issued for, and signs (typed full name and the "I agree" statement,
 * which becomes the signature's intent) or declines with a reason. The MobilityService records it
 * as `signatory:<role>:<mobilityId>` with `authMethod: signing-link`, the IP and the
 * user agent. A link works once, for its version and role only, until a newer link for them
 * replaces it (a reissue). Everything is HTML, in the link's language.
 */
@ApiTags('signing')
@RateLimit('signing-page')
@Public()
@Controller('sign')
export class SigningController {
  private readonly logger = new Logger(SigningController.name);

  constructor(
    private readonly mobilities: MobilityService,
    private readonly queries: QueryBus,
    private readonly links: SigningLinks,
    private readonly uses: SigningLinkUses,
    private readonly generations: SigningLinkGenerations,
  ) {}

  @Get(':token')
  @ApiOperation({
    summary: 'The signing page of a link from a reminder: the agreement version and two forms',
    description:
      '200 text/html. 400 for a link that is not ours, 410 when it expired, was used, was ' +
      'replaced by a newer link or the role has signed, 409 when a new version of the agreement ' +
      'has replaced the one it was issued for.',
  })
  @ApiParam({ name: 'token', description: 'The signed token of the link' })
  @ApiQuery({ name: 'lang', required: false, enum: ['lv', 'en'] })
  @ApiPages('The agreement and the forms')
  async page(
    @Param('token') token: string,
    @Query('lang') lang: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await this.respond(res, languageOf(lang), async () => {
      const opened = await this.open(token, languageOf(lang));
      const { content, contentHash } = await this.version(opened);
      return new Page(
        200,
        agreementPage({
          language: opened.language,
          token,
          at: 'link',
          role: opened.claims.role,
          content,
          contentHash,
        }),
      );
    });
  }

  @Post(':token/sign')
  @ApiOperation({ summary: 'Sign the agreement version of the link (form post)' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['fullName', 'agree'],
      properties: {
        fullName: { type: 'string', maxLength: 200 },
        agree: { type: 'string', enum: ['yes'] },
        lang: { type: 'string', enum: ['lv', 'en'] },
      },
    },
  })
  @ApiPages('Signed: a confirmation page')
  async sign(
    @Param('token') token: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const lang = languageOf(field(req.body, 'lang'));
    await this.respond(res, lang, async () => {
      const opened = await this.open(token, lang);
      const w = PAGE_WORDING[opened.language];
      const { fullName, errors } = readSignForm(req.body, w);
      if (errors.length)
        return this.invalidForm(token, opened, { action: 'sign', fullName, errors });
      const { claims } = opened;
      const request = {
        version: claims.v,
        contentHash: claims.h,
        role: claims.role,
        signer: this.signer(opened, fullName),
        authMethod: 'signing-link' as const,
        intent: w.statement(claims.v, claims.h),
        ...this.evidence(req),
      };
      return this.dispatch(opened, req, 'signed', (context) =>
        this.mobilities.signAgreement(claims.mid, request, context),
      );
    });
  }

  @Post(':token/decline')
  @ApiOperation({ summary: 'Decline the agreement version of the link, with a reason (form post)' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['fullName', 'reason'],
      properties: {
        fullName: { type: 'string', maxLength: 200 },
        reason: { type: 'string', maxLength: 2000 },
        lang: { type: 'string', enum: ['lv', 'en'] },
      },
    },
  })
  @ApiPages('Declined: a confirmation page')
  async decline(
    @Param('token') token: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const lang = languageOf(field(req.body, 'lang'));
    await this.respond(res, lang, async () => {
      const opened = await this.open(token, lang);
      const w = PAGE_WORDING[opened.language];
      const { fullName, reason, errors } = readDeclineForm(req.body, w);
      if (errors.length)
        return this.invalidForm(token, opened, { action: 'decline', fullName, reason, errors });
      const { claims } = opened;
      const request = {
        version: claims.v,
        role: claims.role,
        signer: this.signer(opened, fullName),
        reason,
      };
      return this.dispatch(opened, req, 'declined', (context) =>
        this.mobilities.declineAgreement(claims.mid, request, context),
      );
    });
  }

  /**
   * A genuine, unexpired, unused link whose version is still the current one and still awaits
   * this signatory, and that no newer link for them has replaced; otherwise the page that says
   * why.
   */
  private async open(token: string, lang?: Language): Promise<Opened> {
    let claims: VerifiedSigningLink;
    try {
      claims = await this.links.verify(token);
    } catch (err) {
      if (err instanceof SigningLinkExpired) {
        const w = PAGE_WORDING[lang ?? err.language ?? 'lv'];
        throw new Page(
          410,
          messagePage(lang ?? err.language ?? 'lv', w.expired.title, w.expired.text),
        );
      }
      if (err instanceof SigningLinkInvalid) throw invalidLinkPage(lang);
      throw err;
    }
    const language = lang ?? claims.lang;
    const w = PAGE_WORDING[language];
    const use = await this.uses.find(claims.jti);
    if (use) throw this.usedPage(language, use.outcome, use.usedAt);
    let mobility: MobilityView;
    try {
      mobility = (await this.queries.execute(new GetViewQuery('Mobility', claims.mid)))
        .view as MobilityView;
    } catch (err) {
      if (err instanceof StreamNotFound)
        throw new Page(404, messagePage(language, w.notFound.title, w.notFound.text));
      throw err;
    }
    const agreement = mobility.agreement;
    if (!agreement || agreement.version !== claims.v || agreement.contentHash !== claims.h)
      throw new Page(409, messagePage(language, w.superseded.title, w.superseded.text(claims.v)));
    if (agreement.signatures.some((s) => s.role === claims.role))
      throw new Page(
        410,
        messagePage(language, w.alreadySigned.title, w.alreadySigned.text(claims.v)),
      );
    await this.ensureNotReplaced(claims, language);
    if (agreement.declinedBy)
      throw new Page(
        409,
        messagePage(
          language,
          w.declinedVersion.title,
          w.declinedVersion.text(claims.v, w.role[agreement.declinedBy.role]),
        ),
      );
    return { claims, language, mobility };
  }

  /**
   * A reissue replaces every link issued before it for that version and role: the generations are
   * counted in the mobility's stream itself, so this holds from the moment the reissue is recorded.
   */
  private async ensureNotReplaced(claims: VerifiedSigningLink, language: Language): Promise<void> {
    if (claims.g === (await this.generations.of(claims.mid, claims.v, claims.role))) return;
    const w = PAGE_WORDING[language];
    throw new Page(410, messagePage(language, w.replaced.title, w.replaced.text(claims.v)));
  }

  /** The content of the version the link was issued for, as it was drafted (what is signed). */
  private async version(
    opened: Opened,
  ): Promise<{ content: LearningAgreementContent; contentHash: string }> {
    const drafted = await this.queries.execute(
      new GetAgreementVersionQuery(opened.claims.mid, opened.claims.v),
    );
    if (!drafted) {
      const w = PAGE_WORDING[opened.language];
      throw new Page(404, messagePage(opened.language, w.notFound.title, w.notFound.text));
    }
    return { content: drafted.content, contentHash: drafted.contentHash };
  }

  private async invalidForm(
    token: string,
    opened: Opened,
    form: { action: 'sign' | 'decline'; fullName: string; reason?: string; errors: string[] },
  ): Promise<Page> {
    const { content, contentHash } = await this.version(opened);
    return new Page(
      400,
      agreementPage({
        language: opened.language,
        token,
        at: 'action',
        role: opened.claims.role,
        content,
        contentHash,
        form,
      }),
    );
  }

  /** Runs the command and records the link's use in one step; a refused command uses nothing. */
  private async dispatch(
    opened: Opened,
    req: Request,
    intended: SigningLinkOutcome,
    record: (context: CommandContext) => Promise<WriteOutcome>,
  ): Promise<Page> {
    const { claims, language } = opened;
    const w = PAGE_WORDING[language];
    const header = (name: string) => req.get(name) || undefined;
    const context: CommandContext = {
      commandId: uuidv5(`signing-link|${claims.jti}`, SIGNING_LINK_NAMESPACE),
      actor: { id: `signatory:${claims.role}:${claims.mid}`, role: 'signatory' },
      issuedAt: new Date().toISOString(),
      // The reminder that carried the link caused this signature.
      correlationId: header('X-Correlation-Id') ?? claims.jti,
      causationId: claims.jti,
    };
    let outcome: SigningLinkOutcome;
    try {
      outcome = await this.uses.once(claims, async () => {
        // Again just before the command: a reissue since the link was opened replaces it too.
        await this.ensureNotReplaced(claims, language);
        const result = await record(context);
        const types = result.events.map((e) => e.type);
        const recorded: SigningLinkOutcome = types.includes('LearningAgreementSigned')
          ? 'signed'
          : types.includes('LearningAgreementDeclined')
            ? 'declined'
            : intended;
        return { result: recorded, outcome: recorded };
      });
    } catch (err) {
      if (err instanceof SigningLinkUsed)
        return this.usedPage(language, err.use.outcome, err.use.usedAt);
      if (err instanceof DomainError)
        return new Page(422, messagePage(language, w.refused.title, w.refused.text(err.message)));
      throw err;
    }
    return outcome === 'signed'
      ? new Page(200, messagePage(language, w.signed.title, w.signed.text(claims.v)))
      : new Page(200, messagePage(language, w.declined.title, w.declined.text(claims.v)));
  }

  private signer(opened: Opened, name: string) {
    const { learner, mentors } = opened.mobility;
    const email = {
      learner: learner.email,
      guardian: learner.guardian?.email,
      'sending-school': mentors.sending.email,
      host: mentors.host.email,
    }[opened.claims.role];
    return {
      id: `signatory:${opened.claims.role}:${opened.claims.mid}`,
      name,
      email: typeof email === 'string' ? email : '',
    };
  }

  private evidence(req: Request): { ip?: string; userAgent?: string } {
    const userAgent = req.get('user-agent');
    return {
      ...(req.ip && { ip: req.ip }),
      ...(userAgent && { userAgent: userAgent.slice(0, 500) }),
    };
  }

  private usedPage(language: Language, outcome: SigningLinkOutcome, at: Date): Page {
    const w = PAGE_WORDING[language];
    return new Page(
      410,
      messagePage(language, w.used.title, w.used.text(outcome, pageWhen(at, language))),
    );
  }

  private async respond(
    res: Response,
    lang: Language | undefined,
    build: () => Promise<Page>,
  ): Promise<void> {
    let page: Page;
    try {
      page = await build();
    } catch (err) {
      if (err instanceof Page) page = err;
      else {
        this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
        const language = lang ?? 'lv';
        const w = PAGE_WORDING[language];
        page = new Page(500, messagePage(language, w.failed.title, w.failed.text));
      }
    }
    res.status(page.status).set(PAGE_HEADERS).send(page.html);
  }
}
