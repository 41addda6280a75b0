/**
 * The deployment examples (deploy/) as far as this machine can check them: the systemd units with
 * `systemd-analyze verify`, the nginx site with `nginx -t` (its certificate, cache and log paths
 * moved into a temporary directory, with a certificate made for the test). Both tools must be
 * installed (.ci/system-deps); the tests fail saying so, never skip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run.ts';

function tool(path: string, pkg: string): string {
  if (!existsSync(path)) throw new Error(`${path} not found: apt-get install -y ${pkg} (.ci/system-deps)`);
  return path;
}

describe('deploy/ systemd units', () => {
  it('pass systemd-analyze verify without a warning', () => {
    const units = ['lotho.service', 'lotho-backup.service', 'lotho-backup.timer'].map((unit) => join(ROOT, 'deploy', unit));
    const result = spawnSync(tool('/usr/bin/systemd-analyze', 'systemd'), ['verify', ...units], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('run the compiled server and CLI, with the database and backups where the docs say', () => {
    const unit = readFileSync(join(ROOT, 'deploy', 'lotho.service'), 'utf8');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/lotho\/dist-node\/server\.js$/mu);
    expect(unit).toMatch(/^Environment=.*\bTRUST_PROXY=1\b/mu);
    expect(unit).toMatch(/^Environment=.*\bDATA_DIR=\/var\/lib\/lotho\b/mu);
    const backup = readFileSync(join(ROOT, 'deploy', 'lotho-backup.service'), 'utf8');
    expect(backup).toMatch(/src\/cli\/lotho\.mjs backup "\/var\/lib\/lotho-backups\//u);
  });
});

describe('deploy/nginx.conf', () => {
  it('passes nginx -t', () => {
    const nginx = tool('/usr/sbin/nginx', 'nginx');
    const dir = mkdtempSync(join(tmpdir(), 'lotho-nginx-'));
    for (const sub of ['ssl', 'cache', 'log']) mkdirSync(join(dir, sub));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=nianbao.example.gov.cn',
      '-keyout', join(dir, 'ssl', 'privkey.pem'), '-out', join(dir, 'ssl', 'fullchain.pem')], { stdio: 'ignore' });
    const site = readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8')
      .replaceAll('/etc/ssl/lotho/', `${join(dir, 'ssl')}/`)
      .replaceAll('/var/cache/nginx/lotho', join(dir, 'cache'))
      .replaceAll('/var/log/nginx/', `${join(dir, 'log')}/`);
    writeFileSync(join(dir, 'site.conf'), site);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(dir, t)};`).join(' ');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `pid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'log', 'error.log')};\nevents {}\n` +
        `http {\n  include /etc/nginx/mime.types;\n  access_log ${join(dir, 'log', 'access.log')};\n  ${temp}\n  include ${join(dir, 'site.conf')};\n}\n`,
    );
    const result = spawnSync(nginx, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/test is successful/u);
    expect(result.stderr).not.toMatch(/\[warn\]/u);
  });

  it('sends the client address, the scheme and its request id, and caches only hashed assets', () => {
    const site = readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
    // $proxy_add_x_forwarded_for would keep a client's forged first hop, which the server reads.
    expect(site).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/u);
    expect(site).not.toMatch(/\$proxy_add_x_forwarded_for/u);
    expect(site).toMatch(/proxy_set_header X-Request-Id \$request_id;/u);
    expect(site).toMatch(/location \/assets\/ \{[^}]*proxy_cache lotho_assets;/u);
    expect(site.match(/proxy_cache lotho_assets;/gu)).toHaveLength(1);
  });
});
