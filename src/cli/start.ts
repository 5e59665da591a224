import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { startServer } from '../server/main.js';

// `npm start`: build the web app if it has not been built, then serve everything on one port.
const config = loadConfig();

if (!existsSync(path.join(config.WEB_DIST, 'index.html'))) {
  console.log('Building the web app (first start only)…');
  const result = spawnSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('The web build failed; the API will still start. Run `npm run build` to see why.');
  }
}

const server = await startServer(config);
// From the process's start (module loading included), as the person who typed `npm start` waits.
const seconds = process.uptime().toFixed(1);
const where = server.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${path.resolve(config.DATA_DIR)}`;
const local = `http://localhost:${server.app.server.address() && typeof server.app.server.address() === 'object' ? (server.app.server.address() as { port: number }).port : config.PORT}`;

const lines = [``, `招商通 Zhaoshang is running at ${local}  (database: ${where}; ready in ${seconds}s)`];
if (server.setup.isFirstRun) {
  lines.push(
    ``,
    `  First run: this sign-in is shown once. Keep it safe.`,
    `  首次启动：以下账号只显示这一次，请妥善保存。`,
    `    username 用户名: ${server.setup.adminUsername}`,
    `    password 密码:   ${config.ADMIN_PASSWORD ? '(the ADMIN_PASSWORD you set)' : server.setup.adminPassword}`,
  );
  if (server.setup.demoUsers) {
    lines.push(
      ``,
      `  Demo organisation 示例数据: 信阳市 with its counties, zones, departments and these demo accounts (示例账号):`,
      ...server.setup.demoUsers.map((u) => `    ${u}`),
      `    password 密码: ${config.DEMO_PASSWORD ? '(the DEMO_PASSWORD you set)' : server.setup.demoPassword}`,
    );
  }
}
console.log(lines.join('\n') + '\n');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
