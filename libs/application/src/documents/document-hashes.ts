import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import type { DocumentType } from './document-verification';

/** A well-formed content hash: `sha256:` and 64 lower-case hex digits. */
export const CONTENT_HASH = /^sha256:[0-9a-f]{64}$/;

/** Where a hash was found: which document of which stream. */
export interface DocumentHashHit {
  type: DocumentType;
  /** The mobility's or partnership's id. */
  id: string;
}

/**
 * Finds a document by its content hash, with one indexed query:
 * - Learning Agreement versions by the mobilities' read-model documents
 *   (`agreement.versionHashes`), MoU versions by the partnerships' (`mouVersions[].contentHash`),
 *   both through the GIN index on `doc` (`jsonb_path_ops`, containment);
 * - transcripts and certificates by `ecvet_document_hashes` (primary key), where their hash is
 *   recorded as they are rendered (`record`): their events carry none.
 * The read models are eventually consistent: a version drafted a moment ago may not be found
 * until the projection has caught up (the status itself is then read from the stream).
 */
@Injectable()
export class DocumentHashes {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async find(hash: string): Promise<DocumentHashHit[]> {
    if (!CONTENT_HASH.test(hash)) return [];
    const { rows } = await this.pool.query<DocumentHashHit>(
      `SELECT 'learning-agreement' AS type, id FROM ecvet_read_models
        WHERE kind = 'mobilities' AND doc @> $1::jsonb
       UNION ALL
       SELECT 'mou' AS type, id FROM ecvet_read_models
        WHERE kind = 'partnerships' AND doc @> $2::jsonb
       UNION ALL
       SELECT document AS type, mobility_id AS id FROM ecvet_document_hashes WHERE hash = $3`,
      [
        JSON.stringify({ agreement: { versionHashes: [hash] } }),
        JSON.stringify({ mouVersions: [{ contentHash: hash }] }),
        hash,
      ],
    );
    return rows;
  }

  /** Records the hash a transcript or certificate was rendered with (again: nothing changes). */
  async record(entry: {
    hash: string;
    type: 'transcript' | 'certificate';
    mobilityId: string;
    documentId: string;
  }): Promise<void> {
    await this.pool.query(
      `INSERT INTO ecvet_document_hashes (hash, document, mobility_id, document_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING`,
      [entry.hash, entry.type, entry.mobilityId, entry.documentId],
    );
  }
}
