import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { firstHugoConfig, hugoSiteOptions } from './read-hugo-config.ts';

const siteOptionsIn = (site: string) => hugoSiteOptions(firstHugoConfig(site));

test('timeZone and the baseURL path from hugo.yaml, hugo.toml (top level only) or none', () => {
  const site = mkdtempSync(join(tmpdir(), 'feedmill-hugo-config-'));
  try {
    assert.deepEqual(siteOptionsIn(site), {});
    writeFileSync(join(site, 'hugo.yaml'), 'title: x\ntimezone: Asia/Shanghai\n');
    assert.deepEqual(siteOptionsIn(site), { timezone: 'Asia/Shanghai' });
    writeFileSync(join(site, 'hugo.toml'), 'title = \'x\'\ntimeZone = "Europe/Berlin" # here\n[params]\n');
    assert.deepEqual(siteOptionsIn(site), { timezone: 'Europe/Berlin' });
    writeFileSync(join(site, 'hugo.toml'), "title = 'x'\n[params]\ntimeZone = 'Europe/Berlin'\n");
    assert.deepEqual(siteOptionsIn(site), {});
    writeFileSync(join(site, 'hugo.toml'), "baseURL = 'https://me.github.io/news/'\n");
    assert.deepEqual(siteOptionsIn(site), { root: '/news/' });
    rmSync(join(site, 'hugo.toml'));
    writeFileSync(join(site, 'hugo.yaml'), 'baseURL: https://news.example/\nTimeZone: UTC\n');
    assert.deepEqual(siteOptionsIn(site), { timezone: 'UTC' });
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});
