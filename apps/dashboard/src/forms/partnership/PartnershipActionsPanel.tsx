import type { ReactNode } from 'react';
import { Accordion, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PartnershipView } from '../../pages/partnerships/types';
import { useSession, type Session } from '../../session/session';
import { PlanMobilityForm } from '../mobility/PlanMobilityForm';
import { ActionNotices } from '../notices';
import { AmendMouForm, SignMouForm } from './MouForms';

/** What the page offers on a partnership (the API's policy read on its parties). */
export function partnershipActions(who: Session | undefined, p: PartnershipView) {
  const none = { sign: false, amend: false, plan: false };
  if (!who || who.role === 'auditor' || p.status === 'terminated') return none;
  const operator = who.role === 'operator';
  const coordinator =
    operator || (who.role === 'coordinator' && who.institutionId === p.coordinatorInstitutionId);
  const sending = p.parties.find((party) => party.role === 'sending')?.institutionId;
  return {
    sign:
      who.role === 'head' &&
      who.institutionId !== undefined &&
      p.mou?.status === 'awaiting-signatures' &&
      p.mou.pendingParties.includes(who.institutionId),
    amend: coordinator && p.mou !== undefined,
    plan:
      (operator || (who.role === 'coordinator' && who.institutionId === sending)) &&
      p.signedMous.length > 0,
  };
}

export function PartnershipActionsPanel({ partnership }: { partnership: PartnershipView }) {
  const { t } = useTranslation('actions');
  const session = useSession();
  const allowed = partnershipActions(session, partnership);
  const items: Array<[string, boolean, ReactNode]> = [
    ['signMou', allowed.sign, <SignMouForm partnership={partnership} />],
    ['plan', allowed.plan, <PlanMobilityForm partnership={partnership} />],
    ['amendMou', allowed.amend, <AmendMouForm partnership={partnership} />],
  ];
  const shown = items.filter(([, ok]) => ok);
  if (shown.length === 0) return <ActionNotices />;
  return (
    <section aria-labelledby="partnership-actions">
      <Title order={2} id="partnership-actions">
        {t('title')}
      </Title>
      <ActionNotices />
      <Accordion variant="separated" mt="xs" order={3}>
        {shown.map(([key, , form]) => (
          <Accordion.Item key={key} value={key}>
            <Accordion.Control>{t(`${key}.title`)}</Accordion.Control>
            <Accordion.Panel>{form}</Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </section>
  );
}
