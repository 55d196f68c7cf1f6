-- Up Migration

-- The counters of the API's rate limits (rate-limiter-flexible's RateLimiterPostgres, told that
-- the table exists: `tableCreated: true`), one row per `<bucket>:<subject>` key, so that every API
-- instance on this database counts the same requests. `expire` is epoch milliseconds; expired rows
-- are ignored by the library and deleted by each instance every few minutes.
-- UNLOGGED: counters are written on every limited request and worth nothing after a crash (they
-- restart empty), so they skip the WAL.
CREATE UNLOGGED TABLE ecvet_rate_limits (
  key    varchar(255) PRIMARY KEY,
  points integer      NOT NULL DEFAULT 0,
  expire bigint
);
CREATE INDEX ecvet_rate_limits_expire ON ecvet_rate_limits (expire);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON ecvet_rate_limits TO ecvet_writer;
    GRANT SELECT ON pgmigrations_api TO ecvet_writer;
  END IF;
END
$$;

-- Down Migration
DROP TABLE ecvet_rate_limits;
