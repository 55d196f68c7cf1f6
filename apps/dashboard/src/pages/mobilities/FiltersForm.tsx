import { useCallback } from 'react';
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PHASES, SIGNATORY_ROLES, isPhase, isSignatoryRole } from '../../api/types';
import { institutionChoicesQuery, partnershipChoicesQuery, withCurrent } from './options';
import { hasFilters, type MobilitiesSearch } from './search';
import { useUrlText } from './useUrlText';

const route = getRouteApi('/app/mobilities');

/**
 * The list's filters. They live in the URL only (so back, forward, reload and a copied link keep
 * them); each change goes back to the first page.
 */
export function FiltersForm() {
  const { t } = useTranslation('mobilities');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const partnerships = useQuery(partnershipChoicesQuery);
  const institutions = useQuery(institutionChoicesQuery);

  const update = useCallback(
    (patch: Partial<MobilitiesSearch>, replace = false) =>
      void navigate({
        search: (previous) => ({ ...previous, ...patch, cursor: undefined }),
        replace,
      }),
    [navigate],
  );
  const commitQ = useCallback((q: string) => update({ q: q.trim() || undefined }, true), [update]);
  const commitCountry = useCallback(
    (c: string) => {
      const code = c.trim().toUpperCase();
      if (code === '' || /^[A-Z]{2}$/.test(code)) update({ hostCountry: code || undefined }, true);
    },
    [update],
  );
  const [q, setQ] = useUrlText(search.q, commitQ);
  const [country, setCountry] = useUrlText(search.hostCountry, commitCountry);

  const any = { value: '', label: t('filters.any') };

  return (
    <Stack
      gap="sm"
      component="form"
      role="search"
      aria-label={t('filters.title')}
      onSubmit={(e) => e.preventDefault()}
    >
      <Checkbox.Group
        label={t('filters.phase')}
        value={search.phase ?? []}
        onChange={(values) => {
          const phases = values.filter(isPhase);
          update({ phase: phases.length > 0 ? phases : undefined });
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing={4} mt={4}>
          {PHASES.map((phase) => (
            <Checkbox key={phase} value={phase} label={t(`common:phase.${phase}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label={t('filters.q')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          autoComplete="off"
        />
        <NativeSelect
          label={t('filters.partnership')}
          value={search.partnershipId ?? ''}
          data={[any, ...withCurrent(partnerships.data, search.partnershipId)]}
          onChange={(e) => update({ partnershipId: e.currentTarget.value || undefined })}
        />
        <NativeSelect
          label={t('filters.hostInstitution')}
          value={search.hostInstitutionId ?? ''}
          data={[any, ...withCurrent(institutions.data, search.hostInstitutionId)]}
          onChange={(e) => update({ hostInstitutionId: e.currentTarget.value || undefined })}
        />
        <TextInput
          label={t('filters.hostCountry')}
          value={country}
          maxLength={2}
          onChange={(e) => setCountry(e.currentTarget.value)}
          autoComplete="off"
        />
        <NativeSelect
          label={t('filters.overdue')}
          value={search.overdue === undefined ? '' : String(search.overdue)}
          data={[
            { value: '', label: t('filters.overdueAny') },
            { value: 'true', label: t('filters.overdueYes') },
            { value: 'false', label: t('filters.overdueNo') },
          ]}
          onChange={(e) => {
            const v = e.currentTarget.value;
            update({ overdue: v === 'true' ? true : v === 'false' ? false : undefined });
          }}
        />
        <NativeSelect
          label={t('filters.waitingFor')}
          value={search.waitingFor ?? ''}
          data={[
            any,
            ...SIGNATORY_ROLES.map((role) => ({
              value: role,
              label: t(`common:signatory.${role}`),
            })),
          ]}
          onChange={(e) => {
            const v = e.currentTarget.value;
            update({ waitingFor: isSignatoryRole(v) ? v : undefined });
          }}
        />
        <TextInput
          label={t('filters.from')}
          type="date"
          value={search.from ?? ''}
          onChange={(e) => update({ from: e.currentTarget.value || undefined })}
        />
        <TextInput
          label={t('filters.to')}
          type="date"
          value={search.to ?? ''}
          onChange={(e) => update({ to: e.currentTarget.value || undefined })}
        />
      </SimpleGrid>
      {hasFilters(search) && (
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => void navigate({ search: search.sort ? { sort: search.sort } : {} })}
          >
            {t('filters.clear')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
