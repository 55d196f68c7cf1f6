import type { Ref } from 'react';
import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';

interface MantineAnchorProps extends Omit<AnchorProps, 'href'> {
  ref?: Ref<HTMLAnchorElement>;
}

function MantineAnchor(props: MantineAnchorProps & { href?: string }) {
  return <Anchor {...props} />;
}

const CreatedAnchorLink = createLink(MantineAnchor);

/**
 * A router link styled as Mantine's Anchor, with typed `to`/`params`/`search`:
 * `<AnchorLink to="/app/mobilities/$mobilityId" params={{ mobilityId }}>…</AnchorLink>`.
 * (`<Anchor component={Link} …>` loses the route types.)
 */
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => (
  <CreatedAnchorLink {...props} />
);
