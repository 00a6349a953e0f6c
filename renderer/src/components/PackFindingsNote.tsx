/** "12 findings may affect this table": the data-quality findings on the fields a pack uses, with a link to them. */
import { useEffect, useState } from 'react';
import type { WorkbenchApi, WorkspaceStatus } from '../../../shared/api.js';
import { findingsAffecting } from '../../../shared/quality/packFields.js';
import { formatInteger } from '../lib/format.js';

export function PackFindingsNote({ api, pack, status, onShow }: { api: WorkbenchApi; pack: string; status: WorkspaceStatus; onShow?: () => void }) {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    setCount(null);
    api['quality.summary']({}).then(
      (s) => live && setCount(findingsAffecting(pack, s)),
      () => live && setCount(null), // the note is a pointer; the Data quality view says what went wrong
    );
    return () => {
      live = false;
    };
  }, [api, pack, status]);
  if (!count) return null;
  const text = `${formatInteger(count)} data-quality finding${count === 1 ? '' : 's'} across the loaded years may affect this table`;
  return (
    <p className="findings-note" data-testid="pack-findings-note">
      <span aria-hidden="true">⚠ </span>
      {onShow ? (
        <button type="button" className="button link" onClick={onShow}>
          {text}
        </button>
      ) : (
        text
      )}
    </p>
  );
}
