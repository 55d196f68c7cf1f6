import { Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../format/format';
import { isRefusal, type MobilityView, type UnitSnapshot } from './types';
import { localized } from './words';
import { ScrollTable } from './ScrollTable';

/**
 * Per unit of the agreement: the agreed outcomes and assessment criteria, the host's final
 * assessment against them, the sending school's validation and recognition, and the credit.
 */
export function UnitsSection({ mobility }: { mobility: MobilityView }) {
  const { t } = useTranslation('mobility');
  return (
    <section aria-labelledby="units">
      <Title order={2} id="units">
        {t('units.title')}
      </Title>
      <Stack gap="md" mt="xs">
        {mobility.targetedUnits.map((unit) => (
          <UnitCard key={unit.unitId} unit={unit} mobility={mobility} />
        ))}
      </Stack>
    </section>
  );
}

function UnitCard({ unit, mobility }: { unit: UnitSnapshot; mobility: MobilityView }) {
  const { t, i18n } = useTranslation('mobility');
  const lng = i18n.language;
  const assessment = mobility.finalAssessments.find((a) => a.unitId === unit.unitId);
  const validation = mobility.validations.find((v) => v.unitId === unit.unitId);
  const recognition = mobility.recognitions.find((r) => r.unitId === unit.unitId);
  const titleId = `unit-${unit.unitId}`;
  const results = new Map(assessment?.criteriaResults.map((c) => [c.criterion, c]) ?? []);
  const outcomes: Array<[string, string[]]> = [
    ['knowledge', unit.knowledge],
    ['skills', unit.skills],
    ['competence', unit.competence],
  ];

  return (
    <Card withBorder padding="sm" component="article" aria-labelledby={titleId}>
      <Title order={3} id={titleId}>
        {localized(unit.title, lng)}
      </Title>
      <Text size="sm">{t('units.meta', { id: unit.unitId, points: unit.ecvetPoints ?? '—' })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
        {outcomes.map(([kind, items]) => (
          <div key={kind}>
            <Text fw={600} size="sm">
              {t(`units.${kind}`)}
            </Text>
            <List size="sm">
              {items.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          </div>
        ))}
      </SimpleGrid>

      <Title order={4} mt="sm">
        {t('units.assessment')}
      </Title>
      {assessment ? (
        <Text size="sm">
          {t('units.assessed', {
            result: t(`result.${assessment.result}`),
            grade: assessment.grade
              ? ` (${assessment.grade}${assessment.scale ? `, ${assessment.scale}` : ''})`
              : '',
            assessor: assessment.assessor.name,
            date: formatDay(assessment.assessedOn, lng),
          })}
        </Text>
      ) : (
        <Text size="sm">{t('units.notAssessed')}</Text>
      )}
      <ScrollTable label={t('units.criteriaCaption')} minWidth={420}>
        <Table withTableBorder mt="xs">
          <Table.Caption>{t('units.criteriaCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('units.criterion')}</Table.Th>
              <Table.Th scope="col">{t('units.met')}</Table.Th>
              <Table.Th scope="col">{t('units.comment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {unit.assessmentCriteria.map((criterion) => {
              const result = results.get(criterion);
              return (
                <Table.Tr key={criterion}>
                  <Table.Th scope="row" fw={400}>
                    {criterion}
                  </Table.Th>
                  <Table.Td>
                    {result === undefined
                      ? t('units.notYet')
                      : result.met
                        ? t('common:yes')
                        : t('common:no')}
                  </Table.Td>
                  <Table.Td>{result?.comment ?? ''}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {assessment?.deviations && (
        <Text size="sm">{t('units.deviations', { text: assessment.deviations })}</Text>
      )}

      <Title order={4} mt="sm">
        {t('units.validationAndRecognition')}
      </Title>
      <Text size="sm">
        {validation
          ? t(`units.validation.${validation.decision}`, {
              by: validation.validatedBy,
              date: formatDay(validation.validatedOn, lng),
            })
          : t('units.validation.none')}
      </Text>
      <Text size="sm">
        {!recognition
          ? t('units.recognition.none')
          : isRefusal(recognition)
            ? t('units.recognition.refused', {
                rationale: recognition.rationale,
                by: recognition.refusedBy,
                date: formatDay(recognition.refusedOn, lng),
              })
            : t(`units.recognition.${recognition.kind}`, {
                module: recognition.moduleId,
                by: recognition.recognisedBy,
                date: formatDay(recognition.recognisedOn, lng),
              })}
      </Text>
      {recognition && !isRefusal(recognition) && (
        <Text size="sm" fw={600}>
          {t('units.credit', { count: recognition.ecvetPoints ?? 0 })}
        </Text>
      )}
    </Card>
  );
}
