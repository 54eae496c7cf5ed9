import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TOPICS } from '@biogate/contracts';
import { readConsoleUpstreams } from '../../apps/operations/src/console/console-upstreams';

/** No Docker engine runs here: the compose file is checked against the code instead. */
const root = join(__dirname, '../..');
const compose = parse(readFileSync(join(root, 'docker/compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      command?: string[];
      environment?: Record<string, unknown>;
      entrypoint?: string[];
      volumes?: string[];
    }
  >;
};
const nest = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
  projects: Record<string, { type: string; sourceRoot: string }>;
};

describe('docker/compose.yaml', () => {
  it('creates every topic of the contracts and its dead-letter topic', () => {
    const script = (compose.services['kafka-topics']?.entrypoint ?? []).join(' ');
    for (const topic of Object.values(TOPICS)) {
      expect(script).toContain(` ${topic} `);
      expect(script).toContain(`${topic}.dead-letter`);
    }
  });

  it.each([
    ['checkin', 3001],
    ['security-gate', 3002],
    ['boarding-gate', 3003],
    ['operations', 3004],
  ])('runs %s from its built entry point with what it requires', (name, port) => {
    const service = compose.services[name];
    expect(nest.projects[name]?.sourceRoot).toBe(`apps/${name}/src`);
    expect(service?.command).toEqual(['node', `dist/apps/${name}/src/main.js`]);
    expect(service?.environment).toMatchObject({
      PORT: port,
      HOST: '0.0.0.0',
      KAFKA_BROKERS: 'kafka:9092',
      DATABASE_URL: expect.stringMatching(/^postgres:\/\//) as unknown,
      BIOGATE_TEMPLATE_KEY: expect.stringContaining(':?') as unknown,
      BIOGATE_GALLERY_KEY: expect.stringContaining(':?') as unknown,
    });
  });

  it("sends the console's actions to the services that own them", () => {
    const upstreams = String(compose.services.operations?.environment?.BIOGATE_CONSOLE_UPSTREAMS);
    expect(readConsoleUpstreams({ BIOGATE_CONSOLE_UPSTREAMS: upstreams })).toEqual({
      checkin: 'http://checkin:3001',
      security: 'http://security-gate:3002',
      boarding: 'http://boarding-gate:3003',
    });
  });

  it("has Prometheus scrape every service's /metrics on the port the service listens on", () => {
    expect(compose.services.prometheus?.volumes).toContain(
      './prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
    const config = parse(readFileSync(join(root, 'docker/prometheus.yml'), 'utf8')) as {
      scrape_configs: { metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const [job] = config.scrape_configs;
    expect(job?.metrics_path).toBe('/metrics');
    const services = ['checkin', 'security-gate', 'boarding-gate', 'operations'];
    expect(job?.static_configs.flatMap((c) => c.targets).sort()).toEqual(
      services.map((name) => `${name}:${String(compose.services[name]?.environment?.PORT)}`).sort(),
    );
  });

  it('builds an image whose default command is an app that exists', () => {
    const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
    expect(dockerfile).toContain('CMD ["node", "dist/apps/embedded/src/main.js"]');
    // The dependencies' patches are in place before npm ci, and the image runs the patched
    // packages (an install of its own with --ignore-scripts or --omit=dev would not apply them).
    expect(dockerfile.indexOf('COPY patches patches')).toBeGreaterThan(-1);
    expect(dockerfile.indexOf('COPY patches patches')).toBeLessThan(
      dockerfile.indexOf('RUN npm ci'),
    );
    expect(dockerfile).toContain('COPY --from=build /app/node_modules node_modules');
    expect(nest.projects.embedded?.sourceRoot).toBe('apps/embedded/src');
  });
});
