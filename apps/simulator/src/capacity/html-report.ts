import type { AirportDayReport } from './airport-day';

/**
 * A self-contained HTML report: tables and inline SVG charts, no script and no external
 * resource, so it opens offline and prints. The dates (phases) sit side by side.
 */
export function renderHtmlReport(
  reports: readonly AirportDayReport[],
  thresholds: { optimumMinutes: number; subOptimalMinutes: number },
): string {
  const airports = [...new Set(reports.map((r) => r.airport))];
  const sections = airports.map((airport) =>
    airportSection(
      reports.filter((r) => r.airport === airport),
      thresholds,
    ),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>biogate capacity: ${escape(airports.join(', '))}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1b1f24;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:1px solid #d0d7de}h3{font-size:1rem;margin-top:1.5rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.875rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}
.OPTIMUM{background:#dafbe1}.SUB_OPTIMAL{background:#fff8c5}.UNDER_PROVIDED{background:#ffebe9}
.legend span{display:inline-block;margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
svg{display:block;margin:.5rem 0 1rem}svg text{font-size:11px;fill:#1b1f24}
</style>
</head>
<body>
<h1>Capacity simulation</h1>
<p>Each airport day is simulated with the same passengers under the phase in force on each date. Waits are queue waits before service; level of service by p95 wait: optimum under ${thresholds.optimumMinutes} min, sub-optimal under ${thresholds.subOptimalMinutes} min.</p>
${sections.join('\n')}
</body>
</html>
`;
}

const COLOURS = ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#8250df', '#cf222e'];

function airportSection(
  reports: readonly AirportDayReport[],
  thresholds: { optimumMinutes: number; subOptimalMinutes: number },
): string {
  const first = reports[0];
  if (!first) return '';
  const legend = `<p class="legend">${reports
    .map(
      (r, i) =>
        `<span><span class="swatch" style="background:${colour(i)}"></span>${escape(r.date)} ${escape(r.phase)}</span>`,
    )
    .join('')}</p>`;
  return `<section>
<h2>${escape(first.airport)}: ${first.flights} departures, ${first.passengers} departing passengers</h2>
${legend}
<h3>Queue wait at each touchpoint (p95, minutes)</h3>
${waitChart(reports, thresholds)}
<h3>Longest queue by hour of the day</h3>
${queueCharts(reports)}
<h3>Where passengers checked in</h3>
${channelChart(reports)}
<h3>Touchpoints</h3>
${touchpointTable(reports)}
<h3>Passengers</h3>
${passengerTable(reports)}
</section>`;
}

function waitChart(
  reports: readonly AirportDayReport[],
  thresholds: { optimumMinutes: number; subOptimalMinutes: number },
): string {
  const names = reports[0]?.touchpoints.map((t) => t.name) ?? [];
  const label = 220;
  const width = 900;
  const barHeight = 10;
  const groupHeight = barHeight * reports.length + 8;
  const height = names.length * groupHeight + 30;
  const max = Math.max(
    thresholds.subOptimalMinutes * 1.2,
    ...reports.flatMap((r) => r.touchpoints.map((t) => t.wait.p95 / 60)),
  );
  const x = (minutes: number) => label + (minutes / max) * (width - label - 60);
  const bars = names.flatMap((name, g) => [
    `<text x="${label - 6}" y="${g * groupHeight + groupHeight / 2 + 4}" text-anchor="end">${escape(name)}</text>`,
    ...reports.map((r, i) => {
      const minutes = (r.touchpoints[g]?.wait.p95 ?? 0) / 60;
      const y = g * groupHeight + i * barHeight + 4;
      return (
        `<rect x="${label}" y="${y}" width="${Math.max(0.5, x(minutes) - label).toFixed(1)}" height="${barHeight - 2}" fill="${colour(i)}"><title>${escape(`${r.date} ${name}: p95 ${minutes.toFixed(1)} min`)}</title></rect>` +
        `<text x="${(x(minutes) + 4).toFixed(1)}" y="${y + barHeight - 3}">${minutes.toFixed(1)}</text>`
      );
    }),
  ]);
  const line = (minutes: number, text: string) =>
    `<line x1="${x(minutes).toFixed(1)}" y1="0" x2="${x(minutes).toFixed(1)}" y2="${height - 20}" stroke="#57606a" stroke-dasharray="4 3"/><text x="${x(minutes).toFixed(1)}" y="${height - 6}" text-anchor="middle">${text}</text>`;
  return `<svg role="img" aria-label="p95 queue wait per touchpoint" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars.join('')}${line(thresholds.optimumMinutes, `${thresholds.optimumMinutes} min`)}${line(thresholds.subOptimalMinutes, `${thresholds.subOptimalMinutes} min`)}</svg>`;
}

/** Small multiples for the touchpoints where queues form: one line per date. */
function queueCharts(reports: readonly AirportDayReport[]): string {
  const names = (reports[0]?.touchpoints ?? [])
    .map((t, i) => ({
      name: t.name,
      i,
      peak: Math.max(...reports.map((r) => r.touchpoints[i]?.queueLength.max ?? 0)),
    }))
    .filter((t) => t.peak > 0)
    .sort((a, b) => b.peak - a.peak)
    .slice(0, 4);
  if (names.length === 0) return '<p>No queue formed at any touchpoint.</p>';
  const width = 420;
  const height = 160;
  const left = 40;
  const bottom = 20;
  return names
    .map(({ name, i }) => {
      const series = reports.map((r) => r.touchpoints[i]?.maxQueuePerHour ?? []);
      const peak = Math.max(1, ...series.flat());
      const x = (hour: number) => left + (hour / 24) * (width - left - 10);
      // the plot starts below the title line
      const y = (length: number) => height - bottom - (length / peak) * (height - bottom - 24);
      const lines = series.map((points, s) => {
        const path = Array.from(
          { length: 24 },
          (_, h) => `${h === 0 ? 'M' : 'L'}${x(h).toFixed(1)},${y(points[h] ?? 0).toFixed(1)}`,
        ).join('');
        return `<path d="${path}" fill="none" stroke="${colour(s)}" stroke-width="2"/>`;
      });
      const axis = [0, 6, 12, 18, 24].map(
        (h) =>
          `<text x="${x(h).toFixed(1)}" y="${height - 4}" text-anchor="middle">${String(h).padStart(2, '0')}h</text>`,
      );
      return `<svg role="img" aria-label="${escape(`longest queue by hour at ${name}`)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><text x="${left}" y="12">${escape(name)} (peak ${peak} waiting)</text><line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#57606a"/>${axis.join('')}${lines.join('')}</svg>`;
    })
    .join('\n');
}

function channelChart(reports: readonly AirportDayReport[]): string {
  const channels = ['ONLINE', 'COUNTER', 'KIOSK', 'BIOMETRIC'] as const;
  const fills = ['#8c959f', '#0969da', '#bf3989', '#1a7f37'];
  const width = 900;
  const label = 220;
  const row = 22;
  const height = reports.length * row + 30;
  const rows = reports.map((r, i) => {
    let offset = label;
    const segments = channels.map((c, k) => {
      const share = r.channels.checkIn[c] / Math.max(1, r.passengers);
      const w = share * (width - label - 20);
      const segment =
        `<rect x="${offset.toFixed(1)}" y="${i * row + 4}" width="${w.toFixed(1)}" height="${row - 6}" fill="${fills[k] ?? '#000'}"><title>${escape(`${r.date} ${c}: ${Math.round(share * 100)}%`)}</title></rect>` +
        (share >= 0.06
          ? `<text x="${(offset + 4).toFixed(1)}" y="${i * row + row - 7}" style="fill:#fff">${c} ${Math.round(share * 100)}%</text>`
          : '');
      offset += w;
      return segment;
    });
    return `<text x="${label - 6}" y="${i * row + row - 7}" text-anchor="end">${escape(`${r.date} ${r.phase}`)}</text>${segments.join('')}`;
  });
  return `<svg role="img" aria-label="check-in channel shares" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}</svg>`;
}

function touchpointTable(reports: readonly AirportDayReport[]): string {
  const head =
    `<tr><th>Touchpoint</th>${reports.map((r) => `<th colspan="4">${escape(`${r.date} ${r.phase}`)}</th>`).join('')}</tr>` +
    `<tr><th></th>${reports.map(() => '<th>servers</th><th>p95 wait</th><th>max queue</th><th>utilisation</th>').join('')}</tr>`;
  const rows = (reports[0]?.touchpoints ?? []).map(
    (t, i) =>
      `<tr><td>${escape(t.name)}</td>${reports
        .map((r) => {
          const tp = r.touchpoints[i];
          if (!tp) return '<td colspan="4"></td>';
          return `<td>${tp.servers}</td><td class="${tp.levelOfService}">${(tp.wait.p95 / 60).toFixed(1)} min</td><td>${tp.queueLength.max}</td><td>${Math.round(tp.utilisation * 100)}%</td>`;
        })
        .join('')}</tr>`,
  );
  return `<table>${head}${rows.join('')}</table>`;
}

function passengerTable(reports: readonly AirportDayReport[]): string {
  const line = (label: string, value: (r: AirportDayReport) => string) =>
    `<tr><td>${escape(label)}</td>${reports.map((r) => `<td>${escape(value(r))}</td>`).join('')}</tr>`;
  const fallbackKeys = [...new Set(reports.flatMap((r) => Object.keys(r.fallbacks)))].sort();
  const redirectKeys = [...new Set(reports.flatMap((r) => Object.keys(r.redirects)))].sort();
  return `<table><tr><th></th>${reports.map((r) => `<th>${escape(r.date)}</th>`).join('')}</tr>${[
    line('departing passengers', (r) => String(r.passengers)),
    line('boarded', (r) => String(r.boarded)),
    line('missed flights', (r) => String(r.missedFlights)),
    line('bought in VNeID', (r) => String(r.biometricJourneys.vneidPurchases)),
    line('incentive-eligible journeys', (r) => String(r.biometricJourneys.incentiveEligible)),
    line('FULL_BIOMETRIC journeys', (r) => String(r.biometricJourneys.fullBiometric)),
    ...redirectKeys.map((k) => line(`redirected: ${k}`, (r) => String(r.redirects[k] ?? 0))),
    ...fallbackKeys.map((k) => line(`fallback: ${k}`, (r) => String(r.fallbacks[k] ?? 0))),
  ].join('')}</table>`;
}

function colour(index: number): string {
  return COLOURS[index % COLOURS.length] ?? '#000';
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
