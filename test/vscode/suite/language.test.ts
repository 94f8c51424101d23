// The language features inside the real VS Code: diagnostics from our server for spin.toml and
// SpinApp YAML, completion and format on save in spin.toml, and the workspace check command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckWorkspaceResult } from '../../../src/server/protocol';
import { singleComponentManifest } from '../../support/manifestTexts';
import {
  getApi,
  openFile,
  removeWorkspaceFile,
  spinkubeDiagnostics,
  waitFor,
  writeWorkspaceFile,
} from './helpers';

const FOLDER = 'language-suite';

/** `name` is an unterminated string on line 4 (1-based). */
const BROKEN_SPIN_TOML = singleComponentManifest('broken', 'hello').replace('"broken"', '"broken');

const COMPLETION_SPIN_TOML = `${singleComponentManifest('complete-me', 'hello')}\n`;

/** Formatted, MESSY_SPIN_TOML is FORMATTED_SPIN_TOML; `hello` is a missing component, for a diagnostic. */
const MESSY_SPIN_TOML = `spin_manifest_version=2
[application]
name =   "messy"
[[trigger.http]]
route="/..."
component = "hello"
`;

const FORMATTED_SPIN_TOML = `spin_manifest_version = 2

[application]
name = "messy"

[[trigger.http]]
route = "/..."
component = "hello"
`;

/** A SpinApp without its required executor. */
const SPINAPP_WITHOUT_EXECUTOR = `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: no-executor
spec:
  image: "ghcr.io/example/app:v1"
  replicas: 1
`;

describe('SpinKube language features', function () {
  this.timeout(60_000);

  before(async () => {
    await getApi();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeWorkspaceFile(FOLDER);
  });

  it('shows our diagnostic with its code for a broken spin.toml', async () => {
    await writeWorkspaceFile(`${FOLDER}/broken/spin.toml`, BROKEN_SPIN_TOML);
    const editor = await openFile(`${FOLDER}/broken/spin.toml`);
    const diagnostics = await waitFor(
      () => {
        const found = spinkubeDiagnostics(editor.document.uri);
        return found.length > 0 && found;
      },
      30_000,
      'diagnostics for the broken spin.toml',
    );
    const syntax = diagnostics.find((d) => d.range.start.line === 3);
    assert.ok(syntax, `no diagnostic on line 4: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    assert.equal(syntax.severity, vscode.DiagnosticSeverity.Error);
    assert.match(String(codeOf(syntax)), /^spin-toml\//);
  });

  it('shows a diagnostic for a SpinApp without an executor', async () => {
    await writeWorkspaceFile(`${FOLDER}/k8s/spinapp.yaml`, SPINAPP_WITHOUT_EXECUTOR);
    const editor = await openFile(`${FOLDER}/k8s/spinapp.yaml`);
    const diagnostic = await waitFor(
      () => spinkubeDiagnostics(editor.document.uri).find((d) => /executor/.test(String(codeOf(d)))),
      30_000,
      'the missing-executor diagnostic',
    );
    assert.equal(codeOf(diagnostic), 'spinapp/missing-executor');
    assert.equal(diagnostic.range.start.line, 4, 'on the spec key');
  });

  it('checks an untitled SpinApp, as Scaffold opens it in a new editor', async () => {
    const text = SPINAPP_WITHOUT_EXECUTOR.replace(
      'replicas: 1',
      'executor: containerd-shim-spin\n  replicas: "two"',
    );
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor(
      () => spinkubeDiagnostics(document.uri).find((d) => d.range.start.line === 7),
      30_000,
      'a problem on replicas: "two" in the untitled editor',
    );
    assert.equal(document.getText(diagnostic.range), '"two"');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('draws a YAML syntax error on the quote left open, not on an empty last line', async () => {
    const text = SPINAPP_WITHOUT_EXECUTOR.replace('"ghcr.io/example/app:v1"', '"ghcr.io/example/app:v1');
    await writeWorkspaceFile(`${FOLDER}/k8s/unclosed.yaml`, text);
    const editor = await openFile(`${FOLDER}/k8s/unclosed.yaml`);
    const syntax = await waitFor(
      () => spinkubeDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'yaml/syntax'),
      30_000,
      'the YAML syntax error',
    );
    assert.equal(syntax.range.start.line, 5);
    assert.equal(editor.document.getText(syntax.range), '"ghcr.io/example/app:v1');
  });

  it('offers spin.toml keys as completion items in a component table', async () => {
    await writeWorkspaceFile(`${FOLDER}/complete/spin.toml`, COMPLETION_SPIN_TOML);
    const editor = await openFile(`${FOLDER}/complete/spin.toml`);
    const lastLine = editor.document.lineCount - 1;
    const labels = await waitFor(
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          editor.document.uri,
          new vscode.Position(lastLine, 0),
        );
        const names = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return names.includes('allowed_outbound_hosts') && names;
      },
      30_000,
      'completion items from the SpinKube server',
    );
    assert.ok(labels.includes('files'));
    assert.ok(!labels.includes('spin_manifest_version'), 'top-level keys are not offered inside a component');
  });

  it('formats spin.toml on save when the user turns format on save on', async () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'spin-toml' });
    await config.update('formatOnSave', true, vscode.ConfigurationTarget.Global, true);
    try {
      await writeWorkspaceFile(`${FOLDER}/format/spin.toml`, MESSY_SPIN_TOML);
      const editor = await openFile(`${FOLDER}/format/spin.toml`);
      await waitFor(
        () => spinkubeDiagnostics(editor.document.uri).length > 0,
        30_000,
        'the server has the file',
      );
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# formatted on save\n'));
      await editor.document.save();
      assert.equal(editor.document.getText(), `# formatted on save\n${FORMATTED_SPIN_TOML}`);
    } finally {
      await config.update('formatOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });

  it('checks the whole workspace on command and reports the counts', async () => {
    const result = await vscode.commands.executeCommand<CheckWorkspaceResult>('spinkube.checkWorkspace');
    assert.ok(result, 'the command returns the counts');
    assert.ok(result.files >= 3, `checked ${result.files} files`);
    assert.ok(result.errors >= 1, `found ${result.errors} errors`);
    assert.ok(result.warnings >= 1, `found ${result.warnings} warnings`);
  });
});

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}
