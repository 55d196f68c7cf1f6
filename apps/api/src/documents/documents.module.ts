import { Module } from '@nestjs/common';
import { DocumentsController } from './documents.controller';
import { VerificationController } from './verification.controller';

/**
 * The documents rendered from the log — `…/learning-agreement/versions/{v}.pdf`,
 * `…/mou/versions/{v}.pdf`, `…/transcript.pdf`, `…/certificate.pdf` — and their public
 * verification, `GET /verify/{hash}`.
 *
 * Imported by AppModule before MobilitiesModule and PartnershipsModule: their JSON routes
 * `…/versions/:version` would otherwise take `…/versions/1.pdf` first (Express matches routes in
 * the order they were registered, and Nest registers them module by module).
 */
@Module({ controllers: [DocumentsController, VerificationController] })
export class DocumentsModule {}
