import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldError } from '../../api/client';
import { deleteFilter, saveFilter, savedFiltersQuery } from '../../api/dashboard';
import { AnchorLink } from '../../components/AnchorLink';
import { parseSearchParams } from '../../router-search';
import { savedSearchOf, validateMobilitiesSearch } from './search';
import classes from './mobilities.module.css';

const route = getRouteApi('/app/mobilities');

/** The account's saved filters (links that apply them), saving the current one, deleting. */
export function SavedFilters() {
  const { t } = useTranslation('mobilities');
  const search = route.useSearch();
  const client = useQueryClient();
  const saved = useQuery(savedFiltersQuery);
  const [name, setName] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: savedFiltersQuery.queryKey });

  const save = useMutation({
    mutationFn: () => saveFilter(name.trim(), savedSearchOf(search)),
    onSuccess: () => {
      setName('');
      return refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteFilter, onSuccess: refresh });

  const problem = save.error instanceof ApiError ? save.error : undefined;
  const nameError = problem?.status === 409 ? t('saved.nameTaken') : fieldError(problem, 'name');

  return (
    <Stack gap="xs" component="section" aria-labelledby="saved-title">
      <Title order={2} size="h4" id="saved-title">
        {t('saved.title')}
      </Title>
      {saved.data && saved.data.items.length === 0 && <Text size="sm">{t('saved.none')}</Text>}
      {saved.data && saved.data.items.length > 0 && (
        <ul className={classes.savedList}>
          {saved.data.items.map((filter) => (
            <li key={filter.id}>
              <Group gap={4} wrap="nowrap">
                <AnchorLink
                  to="/app/mobilities"
                  search={validateMobilitiesSearch(parseSearchParams(filter.search))}
                  aria-label={t('saved.apply', { name: filter.name })}
                >
                  {filter.name}
                </AnchorLink>
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  size="sm"
                  aria-label={t('saved.delete', { name: filter.name })}
                  loading={remove.isPending && remove.variables === filter.id}
                  onClick={() => remove.mutate(filter.id)}
                >
                  <span aria-hidden="true">×</span>
                </ActionIcon>
              </Group>
            </li>
          ))}
        </ul>
      )}
      <Group
        component="form"
        align="flex-end"
        gap="xs"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <TextInput
          label={t('saved.name')}
          name="name"
          size="xs"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameError}
          maxLength={100}
          required
        />
        <Button type="submit" size="xs" loading={save.isPending} disabled={!name.trim()}>
          {t('saved.save')}
        </Button>
      </Group>
      {problem && !nameError && (
        <Alert color="red" role="alert">
          {problem.message}
        </Alert>
      )}
      {save.isSuccess && (
        <Text size="sm" role="status">
          {t('saved.saved')}
        </Text>
      )}
    </Stack>
  );
}
