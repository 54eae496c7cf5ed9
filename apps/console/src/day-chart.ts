import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
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

// Colour-blind-safe (Okabe-Ito) per point, in journey order.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];

/** The day's presentations per quarter hour at each point, updated in place (no re-creation). */
export class DayChart {
  private chart: Chart<'line'> | undefined;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  show(overview: AirportOverview): void {
    const labels = overview.day.quarters.map(localHourMinute);
    // Quarters still to come have no count yet: the lines stop at the clock.
    const now = Date.parse(overview.at);
    const future = overview.day.quarters.map((quarter) => Date.parse(quarter) > now);
    const datasets = overview.day.points.map((series, index) => ({
      label: `${series.touchpoint.replace('_', '-').toLowerCase()} ${series.point.toLowerCase()}`,
      data: series.presentations.map((count, position) => (future[position] ? null : count)),
      borderColor: COLOURS[index % COLOURS.length] ?? '#000000',
      backgroundColor: COLOURS[index % COLOURS.length] ?? '#000000',
      pointRadius: 0,
      borderWidth: 2,
    }));
    if (this.chart === undefined) {
      this.chart = new Chart(this.canvas, {
        type: 'line',
        data: { labels, datasets },
        options: {
          animation: false,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { title: { display: true, text: 'local time (ICT), quarter hour starting' } },
            y: {
              beginAtZero: true,
              title: { display: true, text: 'presentations per 15 min' },
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
