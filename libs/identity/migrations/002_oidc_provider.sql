-- Up Migration

-- The embedded OpenID provider's state (oidc-provider's adapter, apps/api/src/auth/oidc): its
-- sign-in interactions, its own sessions, grants, authorization codes and tokens — each a JSON
-- document of one model, shared by every API instance and gone when it expires. Nothing here is
-- a record of truth: the account's stream records each sign-in.
CREATE TABLE ecvet_oidc_provider (
  model       text        NOT NULL,
  id          text        NOT NULL,
  payload     jsonb       NOT NULL,
  grant_id    text,
  uid         text,
  user_code   text,
  expires_at  timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX ecvet_oidc_provider_grant ON ecvet_oidc_provider (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX ecvet_oidc_provider_uid ON ecvet_oidc_provider (uid) WHERE uid IS NOT NULL;
CREATE INDEX ecvet_oidc_provider_user_code ON ecvet_oidc_provider (user_code)
  WHERE user_code IS NOT NULL;
CREATE INDEX ecvet_oidc_provider_expiry ON ecvet_oidc_provider (expires_at);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON ecvet_oidc_provider TO ecvet_writer;
  END IF;
END $$;

-- Down Migration
DROP TABLE ecvet_oidc_provider;
