/** The house style as the app holds it: loaded once by App, changed on the House style page, read by every chart. */
import { createContext, useContext, useMemo } from 'react';
import type { ChartLook } from '../../../shared/export/chartSvg.js';
import type { HouseStyleInfo } from '../../../shared/export/houseStyle.js';
import { DEFAULT_LOOK } from './packChart.js';

export const HouseStyleContext = createContext<HouseStyleInfo | null>(null);

/** The colours and font charts are drawn in: the house style's, or the defaults until it is loaded. */
export function useChartLook(): ChartLook {
  const info = useContext(HouseStyleContext);
  return useMemo(() => (info ? { palette: info.style.palette, font: info.style.font } : DEFAULT_LOOK), [info]);
}
