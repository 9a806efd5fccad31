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
}

/** ag-grid with the app's defaults: sortable, filterable, resizable columns. */
function GridInner<T>({ height = 480, testId, defaultColDef, ...rest }: GridProps<T>, ref: React.Ref<AgGridReact<T>>) {
  return (
    <div style={{ height, width: '100%' }} data-testid={testId}>
      <AgGridReact<T>
        ref={ref}
        theme={gridTheme}
        defaultColDef={{ sortable: true, filter: true, resizable: true, minWidth: 80, ...defaultColDef }}
        animateRows={false}
        suppressCellFocus={false}
        {...rest}
      />
    </div>
  );
}

export const Grid = forwardRef(GridInner) as <T>(p: GridProps<T> & { ref?: React.Ref<AgGridReact<T>> }) => React.ReactElement;
export type { GridApi };
