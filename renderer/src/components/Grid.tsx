import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type GridApi } from 'ag-grid-community';
import { forwardRef } from 'react';

ModuleRegistry.registerModules([AllCommunityModule]);

/** The app's one grid look: calm, dense enough for ledgers. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  spacing: 6,
  accentColor: '#1f5fbf',
  headerBackgroundColor: '#f3f5f8',
  borderColor: '#dde2ea',
  rowHoverColor: '#eef4fd',
  wrapperBorderRadius: 6,
});

export interface GridProps<T> extends AgGridReactProps<T> {
  height?: number | string;
  testId?: string;
  /** Opens a row: on click, and on Enter in any of its cells (keyboard users reach rows with the arrows). */
  onOpen?: (row: T) => void;
}

/** ag-grid with the app's defaults: sortable, filterable, resizable columns. */
function GridInner<T>({ height = 480, testId, defaultColDef, onOpen, ...rest }: GridProps<T>, ref: React.Ref<AgGridReact<T>>) {
  const open = onOpen && {
    onRowClicked: (e: { data?: T }) => { if (e.data) onOpen(e.data); },
    onCellKeyDown: (e: { data?: T; event?: Event | null }) => {
      if (e.data && e.event instanceof KeyboardEvent && e.event.key === 'Enter') onOpen(e.data);
    },
    rowClass: 'clickable-row',
  };
  return (
    <div style={{ height, width: '100%' }} data-testid={testId}>
      <AgGridReact<T>
        ref={ref}
        theme={gridTheme}
        defaultColDef={{ sortable: true, filter: true, resizable: true, minWidth: 80, ...defaultColDef }}
        animateRows={false}
        suppressCellFocus={false}
        {...open}
        {...rest}
      />
    </div>
  );
}

export const Grid = forwardRef(GridInner) as <T>(p: GridProps<T> & { ref?: React.Ref<AgGridReact<T>> }) => React.ReactElement;
export type { GridApi };
