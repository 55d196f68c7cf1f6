-- Up Migration

-- A signing link is a bearer credential: whoever holds it signs. A copy of the database must not
-- be one. From now on the outbox keeps
--   signing_link_hash    the SHA-256 (hex) of the link's token: which link a mail carried;
--   signing_link_claims  its claims (mobility, version, role, content hash, id, language,
--                        generation, issued and expiry times): no secret, but with the links' key
--                        (never in the database) they give the same token again — how the sender
--                        puts the link in as it sends, and how an operator reads a link kept
--                        locally (no SMTP server), recorded as an event;
--   signing_link         only a row composed before this migration, while its mail waits to be
--                        sent (then NULL); new rows never hold the link;
-- and the mail's text and HTML carry the placeholder [[ecvet:signing-link]] where the link goes.
ALTER TABLE ecvet_mail_outbox ADD COLUMN signing_link_hash text;
ALTER TABLE ecvet_mail_outbox ADD COLUMN signing_link_claims jsonb;

-- The mail composed before: its link out of the text and HTML, and out of the row unless the mail
-- is still to be sent. The claims are the token's payload (base64url JSON) without issuer and
-- audience, generation 0 (no link was reissued before).
WITH links AS (
  SELECT id, token,
         convert_from(decode(
           translate(payload, '-_', '+/') || repeat('=', (4 - length(payload) % 4) % 4),
           'base64'), 'UTF8')::jsonb AS claims
    FROM (SELECT id, substring(signing_link FROM '[^/]+$') AS token,
                 split_part(substring(signing_link FROM '[^/]+$'), '.', 2) AS payload
            FROM ecvet_mail_outbox WHERE signing_link IS NOT NULL) tokens
)
UPDATE ecvet_mail_outbox m
   SET signing_link_hash = encode(sha256(convert_to(links.token, 'UTF8')), 'hex'),
       signing_link_claims = (links.claims - 'iss' - 'aud')
         || jsonb_build_object('g', COALESCE(links.claims -> 'g', '0'::jsonb)),
       text = replace(m.text, m.signing_link, '[[ecvet:signing-link]]'),
       html = replace(replace(m.html, m.signing_link, '[[ecvet:signing-link]]'),
                      replace(m.signing_link, '&', '&amp;'), '[[ecvet:signing-link]]'),
       signing_link = CASE WHEN m.status = 'pending' THEN m.signing_link END
  FROM links
 WHERE m.id = links.id;
-- And from now on: a link in a row only while its mail waits to be sent.
ALTER TABLE ecvet_mail_outbox ADD CONSTRAINT ecvet_mail_outbox_link_while_pending
  CHECK (signing_link IS NULL OR status = 'pending');
-- The table-level grants of 001 (SELECT, INSERT, UPDATE to ecvet_writer) cover the new columns.

-- Down Migration
-- The links a mail carried are not put back: they were redacted for good.
ALTER TABLE ecvet_mail_outbox DROP CONSTRAINT ecvet_mail_outbox_link_while_pending;
ALTER TABLE ecvet_mail_outbox DROP COLUMN signing_link_claims;
ALTER TABLE ecvet_mail_outbox DROP COLUMN signing_link_hash;
