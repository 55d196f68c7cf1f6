import { Alert, Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { settingsQuery } from '../../api/dashboard';
import { ErrorMessage, RoutePending } from '../../layout/RouteStates';
import { useSession } from '../../session/session';
import { PhaseBadge } from '../../components/PhaseBadge';
import { formatDay } from '../../format/format';
import { MobilityActionsPanel } from '../../forms/mobility/MobilityActionsPanel';
import { ExportBundleLink } from '../audit/ExportBundleLink';
import { AgreementSection } from './AgreementSection';
import { AsOfControl } from './AsOfControl';
import { DocumentsSection } from './DocumentsSection';
import { UnitsSection } from './UnitsSection';
import { Timeline } from './Timeline';
import { mobilityActions, NO_ACTIONS } from './permissions';
import { historyQuery, mobilityQuery, workflowUrl } from './queries';
import { historyUntil } from './timeline';
import { learnerName, localized } from './words';

const route = getRouteApi('/app/mobilities/$mobilityId');

/**
 * One mobility: phase and next step, the Learning Agreement (versions, diff, signatories), the
 * units' assessment, validation and recognition, documents, the history in words — now, or as it
 * stood at `?asOf=` (then read-only, the history cut at that instant).
 */
export default function MobilityPage() {
  const { mobilityId } = route.useParams();
  const search = route.useSearch();
  const { t, i18n } = useTranslation(['mobility', 'common']);
  const session = useSession();
  const asOf = { asOf: search.asOf, asOfVersion: search.asOfVersion };
  const past = search.asOf !== undefined || search.asOfVersion !== undefined;
  const mobility = useQuery(mobilityQuery(mobilityId, asOf));
  const history = useQuery(historyQuery(mobilityId));
  const settings = useQuery(settingsQuery);
  const workflow = workflowUrl(mobilityId, settings.data?.temporalUi ?? null);

  if (mobility.isPending) return <RoutePending />;
  if (mobility.isError)
    return (
      <Stack>
        <Title order={1}>{t('mobility:title', { name: mobilityId })}</Title>
        {past && mobility.error instanceof ApiError && mobility.error.status === 404 ? (
          // Before its first event the mobility did not exist yet: say so, keep the control.
          <>
            <AsOfControl
              mobilityId={mobilityId}
              asOf={search.asOf}
              asOfVersion={search.asOfVersion}
            />
            <Text>{t('mobility:asOf.notYet')}</Text>
          </>
        ) : (
          <ErrorMessage error={mobility.error} onRetry={() => void mobility.refetch()} />
        )}
      </Stack>
    );
  const m = mobility.data;
  const lng = i18n.language;
  const name = learnerName(m.learner.name) ?? m.learner.learnerId;
  const actions = past ? NO_ACTIONS : mobilityActions(session, m);
  const cutoff = past
    ? (history.data?.find((e) => e.version === m.version)?.recordedAt ?? search.asOf)
    : undefined;
  // As of a moment: the events up to the version the view was folded to (the same cut).
  const entries = history.data && (past ? historyUntil(history.data, m.version) : history.data);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Link to="/app/mobilities">{t('mobility:backToList')}</Link>
        <Title order={1}>{t('mobility:title', { name })}</Title>
        <Group gap="xs">
          <span data-testid="phase">
            <PhaseBadge phase={m.phase} />
          </span>
          {m.overdue && (
            <Badge color="#b02525" variant="filled">
              {t('mobility:overdue')}
            </Badge>
          )}
          {m.minor && <Badge variant="outline">{t('mobility:minor')}</Badge>}
        </Group>
        <Text>
          {t('mobility:route', {
            sending: m.sendingInstitution.legalName,
            host: m.host.legalName,
            country: m.host.country,
          })}
        </Text>
        <Text>
          {t('mobility:period', {
            start: formatDay(m.plannedPeriod.start, lng),
            end: formatDay(m.plannedPeriod.end, lng),
          })}
          {' · '}
          {localized(m.qualification.title, lng)} (EQF {m.qualification.eqfLevel}){' · '}
          <Link to="/app/partnerships/$partnershipId" params={{ partnershipId: m.partnershipId }}>
            {t('mobility:partnership', { id: m.partnershipId })}
          </Link>
          {' · '}
          <Link to="/app/learners/$learnerId" params={{ learnerId: m.learner.learnerId }}>
            {t('mobility:credits')}
          </Link>
          <ExportBundleLink subject={{ mobility: mobilityId }} before=" · " />
        </Text>
      </Stack>

      <AsOfControl mobilityId={mobilityId} asOf={search.asOf} asOfVersion={search.asOfVersion} />

      <section aria-labelledby="next-step">
        <Title order={2} id="next-step">
          {t('mobility:nextStep.title')}
        </Title>
        <Text>{t(`mobility:nextStep.${m.phase}`)}</Text>
        {m.missedDeadlines.length > 0 && (
          <Alert color="red" variant="light" mt="xs" title={t('mobility:missedDeadlines')}>
            {m.missedDeadlines.map((s) => t(`mobility:step.${s}`)).join(', ')}
          </Alert>
        )}
        {m.warnings.length > 0 && (
          <Alert color="yellow" variant="light" mt="xs" title={t('mobility:warnings')}>
            {m.warnings.join(', ')}
          </Alert>
        )}
        {workflow && (
          <Text mt="xs">
            <Anchor href={workflow} target="_blank" rel="noopener noreferrer">
              {t('mobility:workflowLink')}
            </Anchor>
          </Text>
        )}
      </section>

      {!past && <MobilityActionsPanel mobility={m} actions={actions} />}

      <AgreementSection mobility={m} actions={actions} past={past} cutoff={cutoff} />
      <UnitsSection mobility={m} />
      <DocumentsSection mobility={m} />
      <Timeline entries={entries} error={history.error} units={m.targetedUnits} cut={past} />
    </Stack>
  );
}
