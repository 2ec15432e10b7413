import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { allowsHtml, hugoContentWarning } from './hugo-content-policy.ts';
import { firstHugoConfig } from './read-hugo-config.ts';

function site(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-hugo-policy-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

test("Hugo's whitelist: negations deny, plain patterns must match one, none denies all", () => {
  assert.equal(allowsHtml(['! ^text/html$', '! ^text/org$']), false);
  assert.equal(allowsHtml(['.*']), true);
  assert.equal(allowsHtml(['^text/html$', '^text/markdown$']), true);
  assert.equal(allowsHtml(['^text/markdown$']), false);
  assert.equal(allowsHtml(['! ^text/org$']), true);
  assert.equal(allowsHtml(['.*', '! html']), false);
  assert.equal(allowsHtml(['none']), false);
  assert.equal(allowsHtml([]), true);
  // A Go-only pattern JavaScript cannot compile is not taken for a refusal.
  assert.equal(allowsHtml(['(?i)^TEXT/HTML$']), true);
});

test('a Hugo config without allowContent, or one denying HTML, gets the warning; others none', () => {
  const cases: [Record<string, string>, boolean][] = [
    [{ 'hugo.yaml': 'title: x\n' }, true],
    [{ 'hugo.yaml': "security:\n  allowContent: ['^text/html$', '^text/markdown$']\n" }, false],
    [{ 'hugo.yaml': 'Security:\n  AllowContent: .*\n' }, false],
    [{ 'hugo.yaml': "security:\n  allowContent: ['^text/markdown$']\n" }, true],
    [{ 'hugo.yaml': 'security:\n  enableInlineShortcodes: false\n' }, true],
    [{ 'hugo.json': '{"security": {"allowContent": [".*"]}}' }, false],
    [{ 'hugo.toml': "title = 'x'\n[security]\n  allowContent = ['.*']\n" }, false],
    [
      {
        'hugo.toml': "title = 'x'\n[security]\nallowContent = [\n  '^text/html$',\n  '^text/markdown$',\n]\n",
      },
      false,
    ],
    [{ 'hugo.toml': "title = 'x'\n[security]\n  enableInlineShortcodes = false\n" }, true],
    [{ 'hugo.toml': "title = 'x'\n[security]\n  allowContent = ['! ^text/html$']\n" }, true],
    [{ 'config.toml': "baseURL = 'https://example.com/'\n" }, true],
    // The setting in a config folder is merged by Hugo: not second-guessed.
    [{ 'hugo.toml': "title = 'x'\n", 'config/_default/security.toml': "allowContent = ['.*']\n" }, false],
    // No config at all, or one that does not parse: nothing to say.
    [{}, false],
    [{ 'hugo.yaml': 'title: [unclosed\n' }, false],
  ];
  for (const [files, warns] of cases) {
    const root = site(files);
    try {
      const warning = hugoContentWarning(root, firstHugoConfig(root), {});
      assert.equal(warning !== undefined, warns, JSON.stringify(files));
      if (warning) assert.match(warning, /Hugo 0\.162 .* allowContent: \['\^text\/html\$'/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const root = site({ 'hugo.yaml': 'title: x\n' });
  try {
    assert.equal(
      hugoContentWarning(root, firstHugoConfig(root), { HUGO_SECURITY_ALLOWCONTENT: '.*' }),
      undefined,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
