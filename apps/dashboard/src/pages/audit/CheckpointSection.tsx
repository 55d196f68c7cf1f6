import { Alert, Button, CopyButton, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useFormat } from '../../format/useFormat';
import { ErrorMessage } from '../../layout/RouteStates';
import { checkpointQuery } from './queries';
import classes from './audit.module.css';

/**
 * The log's signed checkpoint (`GET /audit/checkpoint`): an auditor keeps it (copied) and later
 * checks a bundle against it (`verify-bundle --checkpoint`): a history rewritten and sealed again
 * no longer reaches back to it.
 */
export function CheckpointSection() {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const checkpoint = useQuery(checkpointQuery());
  const c = checkpoint.data;
  const json = c ? JSON.stringify({ body: c.body, signature: c.signature }) : '';

  return (
    <section aria-labelledby="audit-checkpoint">
      <Title order={2} id="audit-checkpoint">
        {t('checkpoint.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('checkpoint.intro')}
      </Text>
      {checkpoint.isError ? (
        checkpoint.error instanceof ApiError && checkpoint.error.status === 503 ? (
          <Alert color="gray" title={t('checkpoint.none')}>
            {checkpoint.error.problem.detail ?? checkpoint.error.message}
          </Alert>
        ) : (
          <ErrorMessage error={checkpoint.error} onRetry={() => void checkpoint.refetch()} />
        )
      ) : !c ? (
        <Text>{t('common:app.loading')}</Text>
      ) : (
        <div data-testid="checkpoint">
          <dl className={classes.facts}>
            <div>
              <dt>{t('checkpoint.seq')}</dt>
              <dd data-testid="checkpoint-seq">{f.number(c.body.seq)}</dd>
            </div>
            <div>
              <dt>{t('checkpoint.treeSize')}</dt>
              <dd data-testid="checkpoint-tree-size">{f.number(c.body.treeSize)}</dd>
            </div>
            <div>
              <dt>{t('checkpoint.sealedAt')}</dt>
              <dd>
                <time dateTime={c.body.sealedAt}>{f.instant(c.body.sealedAt)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('checkpoint.keyId')}</dt>
              <dd className={classes.mono}>{c.body.keyId}</dd>
            </div>
            <div>
              <dt>{t('checkpoint.hash')}</dt>
              <dd className={classes.mono} data-testid="checkpoint-hash">
                {c.body.sealHash}
              </dd>
            </div>
          </dl>
          <Group gap="sm" mt="sm">
            <CopyButton value={c.body.sealHash}>
              {({ copied, copy }) => (
                <Button variant="outline" onClick={copy} aria-live="polite">
                  {copied ? t('checkpoint.copied') : t('checkpoint.copyHash')}
                </Button>
              )}
            </CopyButton>
            <CopyButton value={json}>
              {({ copied, copy }) => (
                <Button variant="outline" onClick={copy} aria-live="polite">
                  {copied ? t('checkpoint.copied') : t('checkpoint.copyJson')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" mt="xs">
            {t('checkpoint.keep')}
          </Text>
        </div>
      )}
    </section>
  );
}
