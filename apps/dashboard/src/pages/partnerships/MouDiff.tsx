import { useState } from 'react';
import { Group, NativeSelect, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DiffTable } from '../mobility/DiffTable';
import { mouChanges } from '../mobility/version-diff';
import { mouVersionQuery } from './queries';

/** Any two MoU versions side by side: the signed document field by field (as the CLI). */
export function MouDiff({ partnershipId, count }: { partnershipId: string; count: number }) {
  const { t } = useTranslation('partnerships');
  const [from, setFrom] = useState(count - 1);
  const [to, setTo] = useState(count);
  const a = useQuery(mouVersionQuery(partnershipId, from));
  const b = useQuery(mouVersionQuery(partnershipId, to));
  const options = Array.from({ length: count }, (_, i) => ({
    value: String(i + 1),
    label: t('mou.versionN', { version: i + 1 }),
  }));
  const rows = a.data && b.data ? mouChanges(a.data.document, b.data.document) : undefined;
  return (
    <section aria-labelledby="mou-diff">
      <Title order={3} id="mou-diff">
        {t('mou.diff')}
      </Title>
      <Group gap="sm" align="flex-end" mt="xs">
        <NativeSelect
          label={t('mou.diffFrom')}
          data={options}
          value={String(from)}
          onChange={(e) => setFrom(Number(e.currentTarget.value))}
        />
        <NativeSelect
          label={t('mou.diffTo')}
          data={options}
          value={String(to)}
          onChange={(e) => setTo(Number(e.currentTarget.value))}
        />
      </Group>
      {a.isError || b.isError ? (
        <Text role="alert" c="red.9" mt="xs">
          {t('mou.diffError')}
        </Text>
      ) : rows === undefined ? (
        <Text mt="xs">{t('common:app.loading')}</Text>
      ) : (
        <DiffTable
          rows={rows}
          fromLabel={t('mou.versionN', { version: from })}
          toLabel={t('mou.versionN', { version: to })}
        />
      )}
    </section>
  );
}
