/** AG Grid set-up, once: community modules and the Quartz theme in the app's colours. */
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 14,
  foregroundColor: '#0b0c0c',
  backgroundColor: '#ffffff',
  headerBackgroundColor: '#f3f2f1',
  headerTextColor: '#0b0c0c',
  headerFontWeight: 700,
  borderColor: '#b1b4b6',
  rowBorder: { color: '#d8dadc' },
  accentColor: '#1d70b8',
  oddRowBackgroundColor: '#ffffff',
  rowHoverColor: '#eef4fa',
  selectedRowBackgroundColor: '#dbe8f5',
  spacing: 6,
  wrapperBorderRadius: 0,
  cellHorizontalPadding: 10,
});
