// What Run Locally reads from spin.toml, and what it refuses before serving.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readLocalApp } from '../../../src/localRun/localApp';
import { tempFolder } from '../../support/tempFolder';

const APP = `spin_manifest_version = 2
[application]
name = "demo"
[variables]
greeting = { default = "hi" }
[[trigger.http]]
route = "/hello/..."
component = "hello"
[[trigger.http]]
route = { private = true }
component = "hidden"
[component.hello]
source = "hello.wasm"
environment = { MODE = "dev" }
allowed_outbound_hosts = ["https://example.com"]
key_value_stores = ["default"]
[component.hello.variables]
message = "{{ greeting }}!"
[component.hello.build]
command = "make"
watch = ["src/**/*.js"]
[component.hidden]
source = "hidden.wasm"
`;

function refusal(manifest: string): string {
  const folder = tempFolder('spinkube-localapp', { 'spin.toml': manifest });
  try {
    readLocalApp(folder.file('spin.toml'));
  } catch (error) {
    return (error as Error).message;
  } finally {
    folder.remove();
  }
  assert.fail('expected a refusal');
}

describe('local run: reading the app', () => {
  it('reads routes (private ones left out), components, environment and variables from the model', () => {
    const folder = tempFolder('spinkube-localapp', { 'spin.toml': APP });
    try {
      const app = readLocalApp(folder.file('spin.toml'));
      assert.equal(app.name, 'demo');
      assert.deepEqual(app.routes, [{ raw: '/hello/...', componentId: 'hello' }]);
      const hello = app.components.get('hello');
      assert.ok(hello);
      assert.equal(hello.sourcePath, folder.file('hello.wasm'));
      assert.deepEqual(hello.environment, { MODE: 'dev' });
      assert.deepEqual([...hello.variables], [['message', '{{ greeting }}!']]);
      assert.deepEqual(hello.allowedOutboundHosts, ['https://example.com']);
      assert.deepEqual(hello.watch, ['src/**/*.js']);
      assert.deepEqual(app.variables, [{ name: 'greeting', default: 'hi', required: false }]);
    } finally {
      folder.remove();
    }
  });

  it('refuses a non-HTTP trigger in one sentence pointing to spin up or Deploy', () => {
    const message = refusal(
      `${APP}\n[[trigger.redis]]\nchannel = "c"\ncomponent = "hello"\n[application.trigger.redis]\naddress = "redis://x"\n`,
    );
    assert.match(
      message,
      /has a redis trigger, and Run Locally serves only HTTP triggers: run it with `spin up`/,
    );
  });

  it("refuses a base other than / with Spin's message", () => {
    const message = refusal(
      APP.replace('[variables]', '[application.trigger.http]\nbase = "/api"\n[variables]'),
    );
    assert.match(message, /deprecated trigger 'base' field/);
  });

  it('refuses a component whose source is a URL', () => {
    const message = refusal(
      APP.replace(
        'source = "hidden.wasm"',
        'source = { url = "https://example.com/x.wasm", digest = "sha256:' + '0'.repeat(64) + '" }',
      ),
    );
    assert.match(
      message,
      /The source of component hidden is a URL, and Run Locally runs only local Wasm files/,
    );
  });

  it("a broken spin.toml is refused with the language server's first error, not a crash", () => {
    const message = refusal('spin_manifest_version = 2\n[application\nname = "x"\n');
    assert.match(
      message,
      /^spin\.toml has errors \(line \d+: TOML parse error: .+\); fix them to run the app\.$/,
    );
  });
});
