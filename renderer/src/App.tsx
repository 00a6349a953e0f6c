/** The workbench shell: header (workspace, years loaded), left navigation, and the four views. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PackSummary, WorkbenchApi, WorkspaceStatus } from '../../shared/api.js';
import type { MenuCommand } from '../../shared/apiSchemas.js';
import { flowLabel } from '../../shared/domain/years.js';
import { includesSampleData, SAMPLE_DATA_TEXT } from '../../shared/domain/sampleData.js';
import { errorMessage } from './api.js';
import { pendingFromPath, type PendingFile } from './lib/files.js';
import { CompareView } from './views/CompareView.js';
import { DataView } from './views/DataView.js';
import { ExploreView } from './views/ExploreView.js';
import { ExportView } from './views/ExportView.js';
import { HouseStyleView } from './views/HouseStyleView.js';
import { HouseStyleContext } from './lib/houseStyle.js';
import type { HouseStyleInfo } from '../../shared/export/houseStyle.js';
import { LocalPacksView } from './views/LocalPacksView.js';
import { PacksView } from './views/PacksView.js';
import { QualityView, type QualityPackFilter } from './views/QualityView.js';

export type ViewId = 'data' | 'quality' | 'packs' | 'local' | 'compare' | 'explore' | 'export' | 'style';
const VIEWS: { id: ViewId; label: string; hint: string }[] = [
  { id: 'data', label: 'Data', hint: 'Import and manage years' },
  { id: 'quality', label: 'Data quality', hint: "DfE's validation rules" },
  { id: 'packs', label: 'Packs', hint: 'Report tables and charts' },
  { id: 'local', label: 'Local packs', hint: "Your service's own data" },
  { id: 'compare', label: 'How we compare', hint: 'England, region, neighbours' },
  { id: 'explore', label: 'Explore', hint: 'Your own SQL' },
  { id: 'export', label: 'Export', hint: 'Excel and Word' },
  { id: 'style', label: 'House style', hint: 'Name, logo, colours, font' },
];

export interface AppProps {
  api: WorkbenchApi;
  mode: 'electron' | 'browser';
  onMenuCommand?: (listener: (command: MenuCommand) => void) => () => void;
  initialView?: ViewId;
}

export function App({ api, mode, onMenuCommand, initialView }: AppProps) {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  const [packs, setPacks] = useState<PackSummary[] | null>(null);
  const [view, setView] = useState<ViewId | null>(initialView ?? null);
  const [pack, setPack] = useState<string | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [packsError, setPacksError] = useState<string | null>(null);
  const [incoming, setIncoming] = useState<PendingFile[]>([]);
  const [qualityYear, setQualityYear] = useState<number | null>(null);
  const [qualityPack, setQualityPack] = useState<QualityPackFilter | null>(null);
  const [houseStyle, setHouseStyle] = useState<HouseStyleInfo | null>(null);
  const main = useRef<HTMLElement>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api['workspace.status']({}));
    } catch (e) {
      setFatal(errorMessage(e));
    }
  }, [api]);

  const refreshPacks = useCallback(() => {
    api['packs.list']({}).then(
      (list) => {
        setPacks(list);
        setPack((p) => p ?? list[0]?.id ?? null);
      },
      (e: unknown) => {
        setPacks([]);
        setPacksError(errorMessage(e));
      },
    );
  }, [api]);

  useEffect(() => {
    void refresh();
    refreshPacks();
    // Charts use the defaults until the house style arrives (or if it cannot be read).
    api['style.get']({}).then(setHouseStyle, () => undefined);
  }, [api, refresh, refreshPacks]);

  // First screen: the tables if data is loaded, otherwise the import page.
  useEffect(() => {
    if (status && view === null) setView(status.years.length ? 'packs' : 'data');
  }, [status, view]);

  useEffect(
    () =>
      onMenuCommand?.((command) => {
        if (command.command === 'export') go('export');
        else {
          setIncoming(command.files.map((f) => pendingFromPath(f.name, f.path)));
          go('data');
        }
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [onMenuCommand],
  );

  /** The Data quality view, at a year's findings (null: the latest year), only the rules touching a pack's fields when given. */
  function showQuality(year: number | null, pack: QualityPackFilter | null = null) {
    setQualityYear(year);
    setQualityPack(pack);
    go('quality');
  }

  function go(next: ViewId) {
    setView(next);
    // Move focus to the new view's heading so keyboard and screen-reader users land on it.
    requestAnimationFrame(() => main.current?.querySelector<HTMLElement>('h1')?.focus());
  }

  const years = status?.years.map((y) => y.year) ?? [];
  const sample = status ? includesSampleData(status.years.flatMap((y) => y.files)) : false;
  const yearsText = years.length
    ? `${years.length} year${years.length === 1 ? '' : 's'} loaded: ${years.length > 1 ? `${flowLabel(years[0]!)} to ${flowLabel(years[years.length - 1]!)}` : flowLabel(years[0]!)}`
    : 'No years loaded';

  return (
    <HouseStyleContext.Provider value={houseStyle}>
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
        Skip to main content
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            IRO
          </span>
          <span className="brand-name">Annual report workbench</span>
        </div>
        <dl className="workspace-facts">
          <div>
            <dt>Workspace</dt>
            <dd title={status?.path}>{status ? fileName(status.path) : '…'}</dd>
          </div>
          <div>
            <dt>Data</dt>
            <dd>
              <span data-testid="years-loaded">{status ? yearsText : '…'}</span>
              {sample && (
                <span className="tag sample-tag" data-testid="sample-tag">
                  {SAMPLE_DATA_TEXT}
                </span>
              )}
            </dd>
          </div>
          <div className="mode">
            <dt>Mode</dt>
            <dd>{mode === 'electron' ? 'Desktop' : 'Browser (this computer only)'}</dd>
          </div>
        </dl>
      </header>
      <nav className="app-nav" aria-label="Main">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <button type="button" aria-current={view === v.id ? 'page' : undefined} onClick={() => go(v.id)} data-view={v.id}>
                <span className="nav-label">{v.label}</span>
                <span className="nav-hint">{v.hint}</span>
              </button>
            </li>
          ))}
        </ul>
        <p className="nav-foot">Child-level data stays on this computer.</p>
      </nav>
      <main id="main" ref={main} tabIndex={-1} className={`app-main view-${view ?? 'loading'}`}>
        {fatal && (
          <div className="outcome failure" role="alert">
            <h1>The workspace could not be opened</h1>
            <p>{fatal}</p>
          </div>
        )}
        {!fatal && (!status || !packs || !view) && <p role="status">Opening the workspace…</p>}
        {packsError && (
          <p className="outcome failure" role="alert">
            The packs could not be listed: {packsError}
          </p>
        )}
        {!fatal && status && packs && view === 'data' && (
          <DataView api={api} status={status} onStatus={setStatus} incoming={incoming} onIncomingTaken={() => setIncoming([])} onShowQuality={showQuality} />
        )}
        {!fatal && status && packs && view === 'quality' && <QualityView api={api} status={status} initialYear={qualityYear} initialPack={qualityPack} />}
        {!fatal && status && packs && view === 'packs' && (
          <PacksView api={api} packs={packs} status={status} selected={pack} onSelect={setPack} onShowQuality={(p) => showQuality(null, p)} />
        )}
        {!fatal && status && packs && view === 'local' && <LocalPacksView api={api} onPacksChanged={refreshPacks} />}
        {!fatal && status && packs && view === 'compare' && <CompareView api={api} />}
        {!fatal && status && packs && view === 'explore' && <ExploreView api={api} status={status} onChanged={() => void refresh()} />}
        {!fatal && status && packs && view === 'export' && <ExportView api={api} packs={packs} status={status} />}
        {!fatal && status && packs && view === 'style' && <HouseStyleView api={api} info={houseStyle} onSaved={setHouseStyle} />}
      </main>
    </div>
    </HouseStyleContext.Provider>
  );
}

/** The workspace's file name: the whole path is in its tooltip and on the Data page. */
function fileName(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}
