// Fault: the cluster view's tooltips put `spec.image` raw into a Markdown code span, so a backtick
// in cluster data closed the span and the rest could be a link (`[Update](https://evil/)`) in a
// tooltip the user trusts. Rendered as Markdown, cluster data must show as the text it is.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SpinKubeModel } from '../../src/cluster/spinKubeModel';
import { appTooltip, escapeMarkdown, podTooltip } from '../../src/clusterTree/tooltips';

// markdown-it (CommonMark, as VS Code's Markdown tooltips) with bare URLs linked too, the strictest reading.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(text: string): string };
const render = (markdown: string): string => new MarkdownIt({ linkify: true }).render(markdown);

const INJECTION = 'ghcr.io/app:1` [Update now](https://evil.example/x) <img src=x onerror=alert(1)> `';

function modelWith(image: string, message: string): SpinKubeModel {
  const app = {
    object: {
      metadata: { name: 'app', namespace: 'default', creationTimestamp: '2026-12-08T00:00:00Z' },
      spec: { image, executor: 'containerd-shim-spin' },
      status: { conditions: [{ type: 'Available', status: 'False', message }] },
    },
    status: { state: 'failed', summary: '0/1', ready: 0, desired: 1, problem: message },
  };
  return { app: () => app } as unknown as SpinKubeModel;
}

describe('cluster data in Markdown tooltips', () => {
  it('shows an image with backticks and a link in it as text, with no link', () => {
    const html = render(appTooltip(modelWith(INJECTION, 'see https://evil.example/y'), 'default/app') ?? '');
    assert.doesNotMatch(html, /<a |<img /);
    assert.match(html, /<code>ghcr\.io\/app:1` \[Update now\]\(https:\/\/evil\.example\/x\)/);
  });

  it('escapes messages, names and plain tooltips of any element', () => {
    const message = '[click](command:workbench.action.terminal.new)\n# Heading\n[ref]: https://evil.example';
    const html = render(appTooltip(modelWith('img', message), 'default/app') ?? '');
    assert.doesNotMatch(html, /<a |<h1>/);
    assert.match(html, /\[click\]\(command:workbench/);
    const pod = render(
      podTooltip({
        metadata: { name: 'p`x`<b>', creationTimestamp: '2026-12-08T00:00:00Z' },
        status: {
          phase: 'Running',
          containerStatuses: [{ name: 'c', state: { waiting: { reason: '[a](https://e.x)' } } }],
        },
      } as never),
    );
    assert.doesNotMatch(pod, /<a |<b>|<code>/);
    const plain = render(
      escapeMarkdown('Back-off pulling image "a`b"\n<script>x</script> https://evil.example'),
    );
    assert.doesNotMatch(plain, /<a |<script>|<code>/);
    assert.match(plain, /Back-off pulling image &quot;a`b&quot;<br>/);
  });
});
