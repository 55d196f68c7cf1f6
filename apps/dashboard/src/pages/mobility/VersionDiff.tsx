import { useState } from 'react';
import { Group, NativeSelect, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DiffTable } from './DiffTable';
import { agreementVersionQuery } from './queries';
import { agreementChanges } from './version-diff';

/** Any two versions of the agreement side by side (the CLI's diff, field by field). */
export function VersionDiff({ mobilityId, count }: { mobilityId: string; count: number }) {
  const { t } = useTranslation('mobility');
  const [from, setFrom] = useState(count - 1);
  const [to, setTo] = useState(count);
  const a = useQuery(agreementVersionQuery(mobilityId, from));
  const b = useQuery(agreementVersionQuery(mobilityId, to));
  const options = Array.from({ length: count }, (_, i) => ({
    value: String(i + 1),
    label: t('agreement.versionN', { version: i + 1 }),
  }));
  const rows = a.data && b.data ? agreementChanges(a.data.content, b.data.content) : undefined;

  return (
    <section aria-labelledby="diff-title">
      <Title order={3} id="diff-title">
        {t('diff.title')}
      </Title>
      <Group gap="sm" align="flex-end" mt="xs">
        <NativeSelect
          label={t('diff.from')}
          data={options}
          value={String(from)}
          onChange={(e) => setFrom(Number(e.currentTarget.value))}
        />
        <NativeSelect
          label={t('diff.to')}
          data={options}
          value={String(to)}
          onChange={(e) => setTo(Number(e.currentTarget.value))}
        />
      </Group>
      {a.isError || b.isError ? (
        <Text role="alert" c="#b02525" mt="xs">
          {t('diff.error')}
        </Text>
      ) : rows === undefined ? (
        <Text mt="xs">{t('common:app.loading')}</Text>
      ) : (
        <DiffTable
          rows={rows}
          fromLabel={t('agreement.versionN', { version: from })}
          toLabel={t('agreement.versionN', { version: to })}
        />
      )}
    </section>
  );
}
