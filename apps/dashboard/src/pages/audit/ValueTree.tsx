import { useTranslation } from 'react-i18next';
import type { TreeNode } from './streams';
import classes from './audit.module.css';

/** A node of an item as nested definition lists (objects) and ordered lists (arrays). */
function Node({ node }: { node: TreeNode }) {
  const { t } = useTranslation('audit');
  switch (node.kind) {
    case 'value':
      return <>{node.text}</>;
    case 'hidden':
      return <em>{t(`stream.${node.reason}`)}</em>;
    case 'array':
      return node.items.length === 0 ? (
        <>{t('stream.emptyList')}</>
      ) : (
        <ol>
          {node.items.map((item, i) => (
            <li key={i}>
              <Node node={item} />
            </li>
          ))}
        </ol>
      );
    case 'object':
      return node.entries.length === 0 ? (
        <>{t('stream.emptyObject')}</>
      ) : (
        <dl>
          {node.entries.map(({ key, node: child }) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>
                <Node node={child} />
              </dd>
            </div>
          ))}
        </dl>
      );
  }
}

/** An item (a read's JSON) as a readable key/value tree. */
export function ValueTree({ node, testId }: { node: TreeNode; testId?: string }) {
  return (
    <div className={classes.tree} data-testid={testId}>
      <Node node={node} />
    </div>
  );
}
