import { useEffect, useRef } from 'react';
import { MapChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { GeoJson } from './map.queries';

echarts.use([MapChart, VisualMapComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export interface RegionDatum {
  name: string;
  /** Colour intensity (display only); null leaves the region uncoloured. */
  value: number | null;
  /** What the tooltip says about the region. */
  tooltip: string;
  /** A second label line under the name (the figure), when set. */
  caption?: string;
}

interface Props {
  /** Registered under this key: `builtin:henan`, `upload:12`. */
  mapKey: string;
  geojson: GeoJson;
  data: RegionDatum[];
  /** The region to outline (the deployment's city on a province outline). */
  highlight?: string;
  selected?: string;
  onSelect?: (name: string) => void;
  /** Colour regions on a scale (false: one region carries the figure, shown as its label). */
  scale: boolean;
  ariaLabel: string;
  height?: number;
}

const registered = new Set<string>();

/** An ECharts map series over one outline, coloured by value, one region selectable. */
export function RegionMap({ mapKey, geojson, data, highlight, selected, onSelect, scale, ariaLabel, height = 560 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => {
      if (p.componentType === 'series' && typeof p.name === 'string' && p.name) onSelectRef.current?.(p.name);
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    if (!registered.has(mapKey)) {
      echarts.registerMap(mapKey, geojson as unknown as Parameters<typeof echarts.registerMap>[1]);
      registered.add(mapKey);
    }
    const values = data.flatMap((d) => (d.value === null ? [] : [d.value]));
    const max = values.length ? Math.max(...values) : 0;
    const byName = new Map(data.map((d) => [d.name, d]));
    const names = (geojson.features ?? []).map((f) => f.properties?.name).filter((n): n is string => Boolean(n));
    instance.setOption(
      {
        aria: { enabled: true, label: { description: ariaLabel } },
        tooltip: { trigger: 'item', formatter: (p: { name: string }) => byName.get(p.name)?.tooltip ?? p.name },
        visualMap: {
          show: scale && max > 0,
          type: 'continuous',
          min: 0,
          max: max > 0 ? max : 1,
          left: 16,
          bottom: 16,
          calculable: false,
          text: ['', ''],
          inRange: { color: scale ? ['#e6f4ff', '#69b1ff', '#0958d9'] : ['#ffd591', '#ffd591'] },
          seriesIndex: 0,
        },
        series: [
          {
            type: 'map',
            map: mapKey,
            roam: true,
            selectedMode: 'single',
            label: {
              show: true,
              fontSize: 11,
              color: '#262626',
              // A white halo keeps names readable on the darkest regions.
              textBorderColor: '#fff',
              textBorderWidth: 2,
              formatter: (p: { name: string }) => {
                const caption = byName.get(p.name)?.caption;
                return caption ? `${p.name}\n${caption}` : p.name;
              },
            },
            itemStyle: { areaColor: '#f5f5f5', borderColor: '#8c8c8c', borderWidth: 0.8 },
            emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#ffe58f' } },
            select: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#ffd666', borderColor: '#d46b08', borderWidth: 2 } },
            data: names.map((name) => {
              const d = byName.get(name);
              const isHighlight = name === highlight;
              return {
                name,
                // NaN: no value, so the visual map leaves the region grey.
                value: d?.value ?? Number.NaN,
                selected: name === selected,
                ...(isHighlight
                  ? {
                      itemStyle: { borderColor: '#d46b08', borderWidth: 2.5, ...(d?.value == null || !scale ? { areaColor: '#ffd591' } : {}) },
                      label: { fontWeight: 'bold' as const, fontSize: 13, color: '#ad4e00' },
                    }
                  : {}),
              };
            }),
          },
        ],
      },
      { notMerge: true },
    );
  }, [mapKey, geojson, data, highlight, selected, scale, ariaLabel]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid="region-map" style={{ width: '100%', height }} />;
}
