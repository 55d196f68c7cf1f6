import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { projectRoot } from '@ecvet/config';
import { Public } from '../auth/public.decorator';
import { CSP_NONCE_PLACEHOLDER, cspNonceOf } from '../security/security-headers';

/** The built dashboard (`apps/dashboard/dist`: index.html and the hashed `assets/`). */
export const dashboardDist = (): string =>
  process.env.ECVET_DASHBOARD_DIST ?? join(projectRoot(), 'apps', 'dashboard', 'dist');

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dashboard not built</title></head>
<body><h1>The dashboard has not been built</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it), then reload.</p>
<p lang="lv">Panelis nav uzbūvēts: palaidiet <code>npm run build</code> un pārlādējiet lapu.</p>
</body></html>`;

let cached: { mtimeMs: number; html: string } | undefined;

/** index.html as built, re-read when the file changes. */
async function indexHtml(): Promise<string | undefined> {
  const file = join(dashboardDist(), 'index.html');
  try {
    const { mtimeMs } = await stat(file);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: await readFile(file, 'utf8') };
    return cached.html;
  } catch {
    return undefined;
  }
}

/**
 * The single-page app: `/` and every `/app/…` path answer its index.html (the client routes),
 * never cached, with the nonce of this response (security-headers.ts puts the same one in the
 * Content-Security-Policy) in place of every `__CSP_NONCE__` Vite left. Public: the app itself
 * asks `/auth/session` and goes to sign-in. The hashed bundles under `/assets/` are served by
 * bootstrap.ts (`useStaticAssets`, cached for a year).
 */
@ApiExcludeController()
@Public()
@Controller()
export class SpaController {
  @Get(['', 'app', 'app/*path'])
  async index(@Res() res: Response): Promise<void> {
    const html = await indexHtml();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html');
    if (html === undefined) {
      res.status(503).send(NOT_BUILT);
      return;
    }
    res.status(200).send(html.split(CSP_NONCE_PLACEHOLDER).join(cspNonceOf(res)));
  }
}
