import { COORDINATOR } from '../../../infra/demo/seed-data';
import type { ReceivedMail } from '../../support/smtp-sink';
import type { DashboardSystem } from './system';

const LINK = /https?:\/\/\S+\/sign\/[\w-]+\.[\w-]+\.[\w-]+/;

/** The signing link in the mails received from index `from` on. */
export function signingLinkIn(mails: ReceivedMail[], from: number): string {
  const link = mails
    .slice(from)
    .map((m) => LINK.exec(m.text)?.[0])
    .find(Boolean);
  if (!link)
    throw new Error(
      `no signing link in:\n${mails
        .slice(from)
        .map((m) => m.text)
        .join('\n---\n')}`,
    );
  return link;
}

/**
 * A signatory's link as they receive it: the coordinator asks for a fresh one through the API
 * (the API records the request, the worker mails it), and the mail the SMTP server receives
 * carries it.
 */
export async function freshSigningLink(
  system: DashboardSystem,
  mobilityId: string,
  version: number,
  role: string,
): Promise<string> {
  const count = system.smtp.received.length;
  await system.api
    .as(COORDINATOR.email)
    .write(
      'POST',
      `/mobilities/${mobilityId}/learning-agreement/versions/${version}/signatories/${role}/links`,
      `fresh-link:${mobilityId}:${version}:${role}:${count}`,
    );
  return signingLinkIn(await system.smtp.waitFor(count + 1, 30_000), count);
}
