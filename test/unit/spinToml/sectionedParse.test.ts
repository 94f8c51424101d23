// spin.toml is parsed section by section (a section per table header) and unchanged sections are
// reused from the previous version. Whatever the sections, the outcome must be the one a parse of
// the whole text gives: the same documents accepted and rejected, the same tree, errors where the
// whole-text parser puts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTOML } from 'toml-eslint-parser';
import { LineTable } from '../../../src/language/lineTable';
import { parseSpinToml } from '../../../src/language/spinToml/parse';
import { splitTomlSections } from '../../../src/language/spinToml/tomlSections';
import { sectionFragment } from '../../../src/language/spinToml/sectionFragment';
import { buildTree } from '../../../src/language/spinToml/treeBuilder';
import { corpusFiles, readCorpus } from './corpus';

function wholeTextAccepts(text: string): boolean {
  try {
    parseTOML(text);
    return true;
  } catch {
    return false;
  }
}

/** The tree a single parse of the whole text gives (the reference). */
function wholeTextTree(text: string): unknown {
  const end = new LineTable(text).position(text.length);
  return buildTree([sectionFragment(parseTOML(text), text, 0)], end, false);
}

function assertSameAsWholeText(text: string, label = text): void {
  const parse = parseSpinToml(text);
  const accepted = parse.root !== undefined;
  assert.equal(accepted, wholeTextAccepts(text), `accepted differs for: ${label}`);
  if (accepted) assert.deepEqual(parse.root, wholeTextTree(text), `tree differs for: ${label}`);
  else assert.equal(parse.syntaxErrors.length, 1, label);
}

const TABLE_RULES: Record<string, string> = {
  'a table defined twice': '[a]\nx = 1\n[a]\ny = 2\n',
  'a header over a key': '[a]\nb = 1\n[a.b]\nx = 1\n',
  'a key over a header': '[a.b]\nx = 1\n[a]\nb = 2\n',
  'a header over a dotted table': '[a]\nb.c = 1\n[a.b]\nd = 2\n',
  'a sub-table of a dotted table': '[a]\nb.c = 1\n[a.b.e]\nd = 2\n',
  'dotted keys into a header table': '[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n',
  'a table over an array of tables': '[[a]]\nx = 1\n[a]\ny = 1\n',
  'an array of tables over a static array': 'a = [1]\n[[a]]\nx = 1\n',
  'an implicit table defined later': '[a.b]\nx = 1\n[a]\ny = 1\n',
  'an inline table extended': '[x]\na = { b = 1 }\n[x.a.c]\nd = 1\n',
  'sub-tables of array items': '[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2\n',
  'dotted keys in one table': 'p.q = 1\np.r = 2\n[s]\nt.u = 1\nt.v = 2\n',
  'a header inside a multi-line string': 's = """\n[not.a.header]\n"""\n[t]\nx = 1\n',
  'a header inside a literal string': "s = '''\n[not.a.header]\n'''\n[t]\nx = 1\n",
  'quotes closing a multi-line string': 's = """a\\"""\n[x]\n""""\n[t]\nx = 1\n',
  'nested arrays over lines': 'arr = [\n[1, 2],\n  [3]\n]\n[t]\nx = 1\n',
  'brackets in comments and strings': 'a = "[" # ]]]\nb = \'{\'\n[t]\nx = 1\n',
  'an unclosed header': '[application]\nname = "x"\n[component.web\nsource = "a.wasm"\n',
  'an unclosed array': 'a = [1, 2\n[t]\nx = 1\n',
  'an unterminated multi-line string': 'a = """\n[t]\nx = 1\n',
};

for (const [name, text] of Object.entries(TABLE_RULES)) {
  test(`sectioned parse matches a whole-text parse: ${name}`, () => assertSameAsWholeText(text));
}

test('headers inside multi-line strings and arrays do not start sections', () => {
  const text = 's = """\n[x]\n"""\narr = [\n[1],\n]\n[t]\nx = 1\n';
  assert.deepEqual(
    splitTomlSections(text).map((s) => s.line),
    [0, 6],
  );
});

test('a syntax error in a later section is reported at its line and column', () => {
  const text = 'spin_manifest_version = 2\n[application]\nname = "x"\n\n[component.web]\nsource = = "a"\n';
  const parse = parseSpinToml(text);
  assert.equal(parse.syntaxErrors.length, 1);
  assert.equal(parse.syntaxErrors[0]?.range.start.line, 5);
  assert.equal(parse.syntaxErrors[0]?.range.start.character, 9);
});

test('a table defined in two sections gives the whole-text parser error', () => {
  const text = '[application]\nname = "x"\n[component.web]\nsource = "a"\n[component.web]\nsource = "b"\n';
  const parse = parseSpinToml(text);
  assert.equal(parse.root, undefined);
  assert.equal(parse.syntaxErrors[0]?.range.start.line, 4);
});

test('an edit re-parses only the section it touched; the tree is the whole-text tree', () => {
  let text = 'spin_manifest_version = 2\n[application]\nname = "x"\n';
  for (let i = 0; i < 50; i++) text += `[component.c${i}]\nsource = "c${i}.wasm"\n`;
  const first = parseSpinToml(text);
  const edited = text.replace('source = "c25.wasm"', 'source = "c25-new.wasm"\ndescription = "d"');
  const second = parseSpinToml(edited, first);
  let reused = 0;
  for (const [sectionText, fragment] of second.sections) {
    if (first.sections.get(sectionText) === fragment) reused++;
  }
  // 52 sections: the root keys, [application], 50 components; the edit added a line in c25, so
  // the 24 sections after it are shifted copies, and the 26 before it are reused as they were.
  assert.equal(second.sections.size, 52);
  assert.equal(reused, 27);
  assert.deepEqual(second.root, wholeTextTree(edited));
  const retyped = parseSpinToml(edited.replace('description = "d"', 'description = "e"'), second);
  let same = 0;
  for (const [sectionText, fragment] of retyped.sections) {
    if (second.sections.get(sectionText) === fragment) same++;
  }
  assert.equal(same, 51, 'an edit within a line re-parses that section only');
  assert.deepEqual(retyped.root, wholeTextTree(edited.replace('description = "d"', 'description = "e"')));
});

test('every corpus manifest, whole and cut at every line, parses as the whole text does', () => {
  let checked = 0;
  for (const folder of ['spin-toml', 'spin-toml-invalid']) {
    let files: string[];
    try {
      files = corpusFiles(folder);
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readCorpus(folder, file);
      assertSameAsWholeText(text, `${folder}/${file}`);
      const lines = text.split('\n');
      // Deleting each line in turn makes many broken and re-nested documents.
      for (let i = 0; i < lines.length; i += 3) {
        const cut = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
        assertSameAsWholeText(cut, `${folder}/${file} without line ${i + 1}`);
      }
      checked++;
    }
  }
  assert.ok(checked > 20, `only ${checked} corpus manifests found`);
});
