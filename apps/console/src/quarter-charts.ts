import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';
import type { AirportOverview } from './api';
import { localHourMinute } from './local-time';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Legend,
  Tooltip,
);

// Colour-blind-safe (Okabe-Ito) per series, in journey order.
const COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#000000',
  '#F0E442',
  '#999999',
];

interface Series {
  readonly label: string;
  readonly values: readonly (number | null)[];
}

/** Level-of-service bands behind a chart of waits: optimum, sub-optimal, under-provided. */
function bandsPlugin(limits: () => readonly [number, number]): Plugin<'line'> {
  return {
    id: 'levelOfServiceBands',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y;
      if (y === undefined) return;
      const [optimum, subOptimal] = limits();
      const bands: [number, number, string][] = [
        [0, optimum, 'rgba(16, 185, 129, 0.12)'],
        [optimum, subOptimal, 'rgba(245, 158, 11, 0.15)'],
        [subOptimal, Math.max(y.max, subOptimal), 'rgba(239, 68, 68, 0.12)'],
      ];
      ctx.save();
      for (const [from, to, colour] of bands) {
        const top = Math.max(chartArea.top, y.getPixelForValue(to));
        const bottom = Math.min(chartArea.bottom, y.getPixelForValue(from));
        if (bottom <= top) continue;
        ctx.fillStyle = colour;
        ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      }
      ctx.restore();
    },
  };
}

/** A line per series over the quarter hours of the local day, updated in place. */
class QuarterChart {
  private chart: Chart<'line'> | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly yTitle: string,
    private readonly plugins: Plugin<'line'>[] = [],
    private readonly suggestedMax?: () => number,
  ) {}

  show(quarters: readonly string[], at: string, series: readonly Series[]): void {
    const labels = quarters.map(localHourMinute);
    // Quarters still to come have no value yet: the lines stop at the clock.
    const now = Date.parse(at);
    const datasets = series.map((one, index) => ({
      label: one.label,
      data: one.values.map((value, position) =>
        Date.parse(quarters[position] ?? '') > now ? null : value,
      ),
      borderColor: COLOURS[index % COLOURS.length] ?? '#000000',
      backgroundColor: COLOURS[index % COLOURS.length] ?? '#000000',
      pointRadius: 0,
      borderWidth: 2,
      spanGaps: false,
    }));
    if (this.chart === undefined) {
      this.chart = new Chart(this.canvas, {
        type: 'line',
        data: { labels, datasets },
        plugins: this.plugins,
        options: {
          animation: false,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { title: { display: true, text: 'local time (ICT), quarter hour starting' } },
            y: {
              beginAtZero: true,
              ...(this.suggestedMax === undefined ? {} : { suggestedMax: this.suggestedMax() }),
              title: { display: true, text: this.yTitle },
              ticks: { precision: 0 },
            },
          },
        },
      });
      return;
    }
    this.chart.data.labels = labels;
    datasets.forEach((dataset, index) => {
      const existing = this.chart?.data.datasets[index];
      if (existing === undefined) this.chart?.data.datasets.push(dataset);
      else existing.data = dataset.data;
    });
    this.chart.update('none');
  }
}

const name = (text: string) => text.replaceAll('_', ' ').toLowerCase();

/** Presentations per quarter hour at each point of the journey. */
export class PresentationsChart {
  private readonly chart: QuarterChart;

  constructor(canvas: HTMLCanvasElement) {
    this.chart = new QuarterChart(canvas, 'presentations per 15 min');
  }

  show(overview: AirportOverview): void {
    this.chart.show(
      overview.day.quarters,
      overview.at,
      overview.day.points.map((series) => ({
        label: `${name(series.touchpoint)} ${name(series.point)}`,
        values: series.presentations,
      })),
    );
  }
}

/** The longest wait of each queue per quarter hour, in minutes, over the level-of-service bands. */
export class QueueWaitChart {
  private readonly chart: QuarterChart;
  private limits: readonly [number, number] = [10, 20];

  constructor(canvas: HTMLCanvasElement) {
    this.chart = new QuarterChart(
      canvas,
      'longest wait (minutes)',
      [bandsPlugin(() => this.limits)],
      () => this.limits[1] * 1.25,
    );
  }

  show(overview: AirportOverview): void {
    this.limits = [
      overview.levelOfService.optimumMinutes,
      overview.levelOfService.subOptimalMinutes,
    ];
    this.chart.show(
      overview.day.quarters,
      overview.at,
      overview.day.queueWaits.map((series) => ({
        label: name(series.queue),
        values: series.maxWaitSeconds.map((seconds) =>
          seconds === null ? null : Math.round(seconds / 6) / 10,
        ),
      })),
    );
  }
}
