import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMoney } from '../ui/components';

/**
 * A bar chart drawn in the page (uPlot on a canvas, bundled with the app): one bar per label, the last one highlighted
 * when `highlightLast` (the report's own day). The figures are also in a visually hidden table for screen readers, and
 * the canvas carries them in `data-values` so a test can tell a drawn chart from an empty one.
 */
export function BarChart({ title, labels, values, highlightLast = false }: { title: string; labels: string[]; values: number[]; highlightLast?: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = Math.max(280, Math.min(el.clientWidth || 360, 900));
    const last = values.length - 1;
    // The report's own day stands out: the bar builder reports each bar's box, the draw hook paints the last one over.
    let lastBar: [number, number, number, number] | undefined;
    const plot = new uPlot({
      width,
      height: 220,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, values.length - 0.5] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
      axes: [
        { values: (_u, ticks) => ticks.map((tick) => labels[tick] ?? ''), splits: () => labels.map((_, i) => i), gap: 4, size: 30 },
        { values: (_u, ticks) => ticks.map((tick) => String(Math.round(tick))), size: 48 },
      ],
      series: [
        {},
        {
          label: title,
          fill: '#2563eb',
          stroke: '#1d4ed8',
          paths: uPlot.paths.bars!({ size: [0.7, 48], each: (_u, _series, i, left, top, w, h) => { if (i === last) lastBar = [left, top, w, h]; } }),
          points: { show: false },
        },
      ],
      hooks: {
        draw: [(u) => {
          if (!highlightLast || !lastBar) return;
          u.ctx.fillStyle = '#ea580c';
          u.ctx.fillRect(...lastBar);
        }],
      },
    }, [labels.map((_, i) => i), values], el);
    plot.root.setAttribute('aria-hidden', 'true');
    plot.ctx.canvas.dataset.values = values.join(',');
    return () => plot.destroy();
  }, [title, labels.join('|'), values.join('|'), highlightLast]);

  return (
    <figure class="chart">
      <figcaption class="small muted">{title}</figcaption>
      <div ref={host} class="chart-canvas" role="img" aria-label={`${title}: ${labels.map((l, i) => `${l} ${formatMoney(values[i])}`).join('，')}`} />
    </figure>
  );
}
