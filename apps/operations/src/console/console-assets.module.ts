import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, HttpCode, Module, type DynamicModule } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServeStaticModule } from '@nestjs/serve-static';
import { PublicRoute } from '@biogate/service-runtime';

/** Where `npm run build` puts the console: dist/console of the project (sources or build). */
export function consoleDirectory(): string | undefined {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'console');
  }
  return undefined;
}

@ApiExcludeController()
@Controller()
class ConsoleNotBuiltController {
  @Get()
  @PublicRoute()
  @HttpCode(503)
  @Header('content-type', 'text/plain; charset=utf-8')
  notBuilt(): string {
    return 'biogate: the operators console is not built; run `npm run build`, then start again.\n';
  }
}

/** The console's static files at `/`, bundled (no CDN): the page works offline. */
@Module({})
export class ConsoleAssetsModule {
  static forRoot(directory = consoleDirectory()): DynamicModule {
    if (directory === undefined || !existsSync(join(directory, 'index.html'))) {
      return { module: ConsoleAssetsModule, controllers: [ConsoleNotBuiltController] };
    }
    return {
      module: ConsoleAssetsModule,
      // Only `/` renders the page: unknown API paths keep their JSON 404.
      imports: [ServeStaticModule.forRoot({ rootPath: directory, renderPath: '/' })],
    };
  }
}
