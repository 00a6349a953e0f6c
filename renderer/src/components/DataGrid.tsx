/** AG Grid with the app theme and an accessible name on the grid element itself. */
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useCallback, useRef } from 'react';
import { gridTheme } from './grid.js';

export function DataGrid<T>({ label, testId, ...props }: AgGridReactProps<T> & { label: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  // AG Grid has no option for the grid's accessible name: set it on its role=grid/treegrid element.
  const name = useCallback(() => {
    const grid = box.current?.querySelector('[role="grid"], [role="treegrid"]');
    grid?.setAttribute('aria-label', label);
  }, [label]);
  return (
    <div ref={box} className="grid-box" data-testid={testId}>
      <AgGridReact<T>
        theme={gridTheme}
        animateRows={false}
        suppressColumnVirtualisation
        enableCellTextSelection
        ensureDomOrder
        {...props}
        onGridReady={(e) => {
          name();
          props.onGridReady?.(e);
        }}
        onFirstDataRendered={(e) => {
          name();
          props.onFirstDataRendered?.(e);
        }}
      />
    </div>
  );
}
