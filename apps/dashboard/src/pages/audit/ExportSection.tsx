import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  NativeSelect,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, withQuery } from '../../api/client';
import { useFormat } from '../../format/useFormat';
import { downloadFile, type Downloaded } from './download';
import { checkpointQuery } from './queries';
import {
  BUNDLE_SUBJECTS,
  bundleQuery,
  formField,
  ID_PATTERN,
  isBundleSubject,
  percent,
  type ExportForm,
} from './streams';

const route = getRouteApi('/app/audit');

type Errors = Partial<Record<keyof ExportForm, string>>;

/** The audit bundle of a mobility, partnership or institution, downloaded as one file. */
export function ExportSection() {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const search = route.useSearch();
  const checkpoint = useQuery(checkpointQuery());
  const [form, setForm] = useState<ExportForm>(() => ({
    subject: search.partnership ? 'partnership' : search.institution ? 'institution' : 'mobility',
    id: search.mobility ?? search.partnership ?? search.institution ?? '',
    from: '',
    to: '',
    languages: ['lv', 'en'],
  }));
  const [local, setLocal] = useState<Errors>({});
  const [progress, setProgress] = useState<{ received: number; total?: number }>();

  const download = useMutation<Downloaded, Error, ExportForm>({
    mutationFn: (values) =>
      downloadFile(
        withQuery('/audit/bundles', bundleQuery(values)),
        `audit-bundle-${values.id}.jsonl`,
        (received, total) => setProgress({ received, total }),
      ),
  });
  const problem = download.error instanceof ApiError ? download.error : undefined;
  const apiErrors: Errors = {};
  for (const p of problem?.problem.invalidParams ?? []) {
    const field = formField(p.name);
    if (field) apiErrors[field] = apiErrors[field] ? `${apiErrors[field]}; ${p.reason}` : p.reason;
  }
  const errors: Errors = { ...apiErrors, ...local };

  const set = <K extends keyof ExportForm>(key: K, value: ExportForm[K]) => {
    setForm((old) => ({ ...old, [key]: value }));
    setLocal((old) => ({ ...old, [key]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    if (!ID_PATTERN.test(form.id.trim())) next.id = t('export.idInvalid');
    if (form.languages.length === 0) next.languages = t('export.languagesRequired');
    if (form.from && form.to && form.to < form.from) next.to = t('export.toBeforeFrom');
    setLocal(next);
    if (Object.keys(next).length > 0) return;
    setProgress(undefined);
    download.mutate(form);
  };

  const pct = progress ? percent(progress.received, progress.total) : undefined;
  const problemText =
    problem === undefined
      ? download.error?.message
      : problem.status === 400
        ? t('common:error.invalid')
        : problem.status === 404
          ? t('export.notFound')
          : problem.status === 403
            ? t('export.forbidden')
            : (problem.problem.detail ?? problem.problem.title);
  const hash = checkpoint.data?.body.sealHash ?? t('export.hashPlaceholder');
  const file = download.data?.fileName ?? 'audit-bundle.jsonl';

  return (
    <section aria-labelledby="audit-export">
      <Title order={2} id="audit-export">
        {t('export.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('export.intro')}
      </Text>
      <form onSubmit={submit} noValidate data-testid="export-form" aria-labelledby="audit-export">
        <Stack gap="sm" maw={560}>
          {download.isError && (
            <Alert color="red" role="alert" title={t('export.failed')} data-testid="export-error">
              {problemText}
            </Alert>
          )}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('export.subject')}
              name="subject"
              value={form.subject}
              data={BUNDLE_SUBJECTS.map((s) => ({ value: s, label: t(`export.subjects.${s}`) }))}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isBundleSubject(value)) set('subject', value);
              }}
            />
            <TextInput
              label={t('export.id')}
              name="id"
              required
              value={form.id}
              onChange={(e) => set('id', e.currentTarget.value)}
              error={errors.id}
              style={{ flex: '1 1 200px' }}
            />
          </Group>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              type="date"
              label={t('export.from')}
              name="from"
              value={form.from}
              onChange={(e) => set('from', e.currentTarget.value)}
              error={errors.from}
            />
            <TextInput
              type="date"
              label={t('export.to')}
              name="to"
              value={form.to}
              onChange={(e) => set('to', e.currentTarget.value)}
              error={errors.to}
            />
          </Group>
          <Text size="sm" c="dimmed">
            {t('export.rangeHelp')}
          </Text>
          <Checkbox.Group
            label={t('export.languages')}
            value={form.languages}
            onChange={(value) => set('languages', value)}
            error={errors.languages}
          >
            <Group gap="md" mt={4}>
              <Checkbox value="lv" label={t('export.language.lv')} name="lang" />
              <Checkbox value="en" label={t('export.language.en')} name="lang" />
            </Group>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={download.isPending} data-testid="export-submit">
              {t('export.submit')}
            </Button>
          </Group>
          {download.isPending && (
            <Stack gap={4} role="status">
              <Text size="sm">
                {progress && progress.received > 0
                  ? t('export.receiving', { size: f.number(Math.ceil(progress.received / 1024)) })
                  : t('export.preparing')}
              </Text>
              {pct !== undefined && <Progress value={pct} aria-label={t('export.progress')} />}
            </Stack>
          )}
          {download.isSuccess && (
            <Alert color="green" variant="outline" role="status" data-testid="export-done">
              <Text size="sm">
                {t('export.done', {
                  file: download.data.fileName,
                  size: f.number(Math.ceil(download.data.bytes / 1024)),
                })}
              </Text>
              {download.data.sha256 && (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {t('export.sha256', { hash: download.data.sha256 })}
                </Text>
              )}
            </Alert>
          )}
        </Stack>
      </form>
      <Title order={3} size="h4" mt="md" id="audit-verify-offline">
        {t('export.offlineTitle')}
      </Title>
      <Text size="sm">{t('export.offline')}</Text>
      <Code block mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {`npm run cli -- verify-bundle ${file} --checkpoint ${hash}`}
      </Code>
      <Text size="sm" mt={4}>
        {t('export.offlineKey')}
      </Text>
    </section>
  );
}
