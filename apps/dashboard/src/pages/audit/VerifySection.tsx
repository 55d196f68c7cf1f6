import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFormat } from '../../format/useFormat';
import { ErrorMessage } from '../../layout/RouteStates';
import { jobQuery } from './queries';
import { jobOutcome, percent, type OperationJob } from './streams';

/** The read models an operator may rebuild and compare (READ_MODEL_KINDS of the API). */
const READ_MODELS = [
  'mobilities',
  'partnerships',
  'calls',
  'institutions',
  'learners',
  'qualifications',
  'accounts',
] as const;

/** One job polled until done: its progress, then its verdict (the first problem named). */
function JobStatus({ jobId, testId }: { jobId: string; testId: string }) {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const job = useQuery(jobQuery(jobId));
  if (job.isError) return <ErrorMessage error={job.error} onRetry={() => void job.refetch()} />;
  if (!job.data) return <Text>{t('common:app.loading')}</Text>;
  const outcome = jobOutcome(job.data);
  switch (outcome.state) {
    case 'running': {
      const pct = percent(outcome.done, outcome.total);
      return (
        <Stack gap={4} role="status" data-testid={testId} data-state="running">
          <Text size="sm">
            {outcome.total === undefined
              ? t('verify.running', { done: f.number(outcome.done) })
              : t('verify.runningOf', {
                  done: f.number(outcome.done),
                  total: f.number(outcome.total),
                })}
          </Text>
          <Progress value={pct ?? 0} aria-label={t('verify.progress')} />
        </Stack>
      );
    }
    case 'failed':
      return (
        <Alert color="red" role="alert" title={t('verify.failed')} data-testid={testId}>
          {outcome.message}
        </Alert>
      );
    case 'ok':
      return (
        <Group gap="xs" role="status" data-testid={testId} data-state="ok">
          <Badge color="#1b5e20" variant="filled">
            {t('verify.ok')}
          </Badge>
          <Text size="sm">
            {t('verify.okDetail', {
              events: f.number(outcome.result.eventsChecked),
              streams: f.number(outcome.result.streamsChecked),
              seals: f.number(outcome.result.sealsChecked),
              unsealed: f.number(outcome.result.unsealedEvents),
            })}
          </Text>
        </Group>
      );
    case 'problem':
      return (
        <Alert
          color="red"
          role="alert"
          title={t('verify.problem', { kind: outcome.kind })}
          data-testid={testId}
          data-state="problem"
        >
          {outcome.message}
        </Alert>
      );
    case 'equal':
      return (
        <Group gap="xs" role="status" data-testid={testId} data-state="equal">
          <Badge color="#1b5e20" variant="filled">
            {t('verify.equal')}
          </Badge>
          <Text size="sm">
            {t('verify.equalDetail', {
              kind: outcome.result.kind,
              documents: f.number(outcome.result.rebuiltDocuments),
              events: f.number(outcome.result.eventsRead),
            })}
          </Text>
        </Group>
      );
    case 'different':
      return (
        <Alert
          color="red"
          role="alert"
          title={t('verify.different', { count: outcome.count })}
          data-testid={testId}
          data-state="different"
        >
          {t('verify.firstDifference', {
            id: outcome.id,
            problem: t(`verify.difference.${outcome.problem}`, { defaultValue: outcome.problem }),
            paths: outcome.paths.join(', ') || '—',
          })}
        </Alert>
      );
  }
}

/** Operators only: the whole log verified, a read model rebuilt and compared with the live one. */
export function VerifySection() {
  const { t } = useTranslation('audit');
  const [kind, setKind] = useState<string>('mobilities');
  const verify = useMutation({
    mutationFn: () => api.post<OperationJob>('/operations/verifications', {}),
  });
  const rebuild = useMutation({
    mutationFn: (target: string) =>
      api.post<OperationJob>('/operations/read-model-rebuilds', { kind: target }),
  });

  return (
    <section aria-labelledby="audit-operations">
      <Title order={2} id="audit-operations">
        {t('verify.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('verify.intro')}
      </Text>
      <Stack gap="lg">
        <div>
          <Title order={3} size="h4" id="audit-verify-log">
            {t('verify.logTitle')}
          </Title>
          <Text size="sm" mb="xs">
            {t('verify.logIntro')}
          </Text>
          <Button
            onClick={() => verify.mutate()}
            loading={verify.isPending}
            data-testid="verify-start"
          >
            {t('verify.start')}
          </Button>
          {verify.isError && <ErrorMessage error={verify.error} />}
          {verify.data && (
            <Stack mt="sm">
              <JobStatus jobId={verify.data.jobId} testId="verify-outcome" />
            </Stack>
          )}
        </div>
        <div>
          <Title order={3} size="h4" id="audit-rebuild">
            {t('verify.rebuildTitle')}
          </Title>
          <Text size="sm" mb="xs">
            {t('verify.rebuildIntro')}
          </Text>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('verify.readModel')}
              name="kind"
              value={kind}
              data={READ_MODELS.map((k) => ({ value: k, label: t(`verify.readModels.${k}`) }))}
              onChange={(e) => setKind(e.currentTarget.value)}
            />
            <Button
              onClick={() => rebuild.mutate(kind)}
              loading={rebuild.isPending}
              data-testid="rebuild-start"
            >
              {t('verify.rebuild')}
            </Button>
          </Group>
          {rebuild.isError && <ErrorMessage error={rebuild.error} />}
          {rebuild.data && (
            <Stack mt="sm">
              <JobStatus jobId={rebuild.data.jobId} testId="rebuild-outcome" />
            </Stack>
          )}
        </div>
      </Stack>
    </section>
  );
}
