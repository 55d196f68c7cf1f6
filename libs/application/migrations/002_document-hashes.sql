-- Up Migration

-- The hashes of documents whose events carry none: transcripts and certificates. Their hash is
-- that of the document's canonical JSON (RFC 8785 + SHA-256, `contentHash`), taken as the document
-- is rendered (a PDF, a bundle) and recorded here so that `GET /verify/{hash}` finds it by its
-- primary key. Learning Agreement and MoU versions need no row: their hashes are in their events
-- and in the read models' documents (`agreement.versionHashes`, `mouVersions[].contentHash`).
-- No personal data: a hash, a kind and ids. Derived, like the read models: a lost row is
-- recorded again by the next rendering of the same document.
CREATE TABLE ecvet_document_hashes (
  hash          text        PRIMARY KEY CHECK (hash ~ '^sha256:[0-9a-f]{64}$'),
  document      text        NOT NULL CHECK (document IN ('transcript', 'certificate')),
  mobility_id   text        NOT NULL,
  document_id   text        NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    GRANT SELECT, INSERT ON ecvet_document_hashes TO ecvet_writer;
  END IF;
END
$$;

-- Down Migration
DROP TABLE ecvet_document_hashes;
