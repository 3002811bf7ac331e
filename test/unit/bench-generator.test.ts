import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { generateProject } from '../../bench/generate-project';
import { validateProject } from '../../shared/src/validate/validate-project';

const SPECS = 30;
const temp = mkdtempSync(join(tmpdir(), 'ossature-bench-gen-'));
const project = generateProject(join(temp, 'a'), { specs: SPECS, seed: 7 });
const read = (rel: string) => readFileSync(join(project.root, rel), 'utf8');

after(() => rmSync(temp, { recursive: true, force: true }));

function frontmatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match, 'file starts with a YAML frontmatter block');
  return (parseYaml(match[1]!) ?? {}) as Record<string, unknown>;
}

test('writes ossature.toml and the spec files in nested folders under specs/', () => {
  const config = readFileSync(project.configPath, 'utf8');
  assert.match(config, /^\[project\]\nname = "bench-30"/m);
  assert.match(config, /^\[output\][^[]*^language = "python"$/m);
  assert.match(config, /^\[llm\]\nmodel = "anthropic:claude-sonnet-4-6"$/m);

  assert.equal(project.specs.length, SPECS);
  assert.equal(new Set(project.specs.map((s) => s.id)).size, SPECS, 'ids are unique');
  const amds = project.specs.filter((s) => s.amd).length;
  const vmds = project.specs.filter((s) => s.vmd).length;
  assert.ok(amds >= SPECS * 0.3 && amds <= SPECS * 0.7, `about half have an AMD (${amds})`);
  assert.ok(vmds >= SPECS * 0.1 && vmds <= SPECS * 0.4, `about a quarter have a VMD (${vmds})`);
  assert.equal(project.files.length, SPECS + amds + vmds);

  let bytes = 0;
  for (const rel of project.files) {
    assert.match(rel, /^specs\/.+\.(smd|amd|vmd)$/);
    bytes += statSync(join(project.root, rel)).size;
  }
  assert.equal(bytes, project.bytes);
  const depths = new Set(project.specs.map((s) => s.smd.split('/').length));
  assert.ok(depths.size >= 2 && Math.max(...depths) >= 4, `nested folders (${[...depths]})`);
});

test('each spec is about 4 KB with 3–6 requirements in the SMD format', () => {
  for (const spec of project.specs) {
    const text = read(spec.smd);
    const size = Buffer.byteLength(text);
    assert.ok(size >= 3000 && size <= 6000, `${spec.smd} is ${size} bytes`);
    const meta = frontmatter(text);
    assert.equal(meta.id, spec.id);
    assert.match(String(meta.status), /^(draft|review|approved|implemented|deprecated)$/);
    assert.match(String(meta.priority), /^(low|medium|high|critical)$/);
    const sections = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(sections, [
      'Overview',
      'Goals',
      'Non-Goals',
      'Requirements',
      'Constraints',
      'Examples',
      'Acceptance Criteria',
      'Notes',
    ]);
    const requirements = text.slice(text.indexOf('## Requirements'), text.indexOf('## Constraints'));
    const count = (re: RegExp) => [...requirements.matchAll(re)].length;
    const headings = count(/^### /gm);
    assert.ok(headings >= 3 && headings <= 6, `${spec.id} has ${headings} requirements`);
    assert.equal(count(/^\*\*Accepts:\*\* \S/gm), headings);
    assert.equal(count(/^\*\*Returns:\*\* \S/gm), headings);
    assert.equal(count(/^\*\*Errors:\*\*$/gm), headings);
    assert.ok(count(/^- .+ (->|→) .+$/gm) >= headings, 'error bullets are `- condition -> response`');
    assert.ok(spec.complexity <= 3000, `${spec.id} stays under the complexity warning`);
    const examples = text.slice(text.indexOf('## Examples'), text.indexOf('## Acceptance Criteria'));
    assert.match(examples, /^\*\*Input:\*\*\n\n```[a-z]*\n.+\n```\n\n\*\*Output:\*\*\n\n```\n.+\n```$/m);
  }
});

test('AMD and VMD files follow their formats', () => {
  const withAmd = project.specs.filter((s) => s.amd);
  const withVmd = project.specs.filter((s) => s.vmd);
  assert.ok(withAmd.length > 0 && withVmd.length > 0);
  for (const spec of withAmd) {
    const text = read(spec.amd!);
    assert.equal(frontmatter(text).spec, spec.id);
    assert.match(text, /^# Architecture: /m);
    for (const section of ['Overview', 'Components', 'Data Models', 'Flow', 'Dependencies']) {
      assert.match(text, new RegExp(`^## ${section}$`, 'm'));
    }
    const components = [...text.matchAll(/^### (\w+)\n\n@path: src\/\S+\.py$/gm)].length;
    assert.ok(components >= 2);
    assert.equal([...text.matchAll(/^\*\*Interface:\*\*\n\n```python\n/gm)].length, components);
    assert.equal([...text.matchAll(/^\*\*Contracts:\*\*/gm)].length, components);
    assert.equal([...text.matchAll(/^\*\*Depends on:\*\* \S/gm)].length, components);
    assert.match(text, /^- [^:\n]+: \S/m);
  }
  for (const spec of withVmd) {
    const text = read(spec.vmd!);
    assert.match(text, new RegExp(`^@spec ${spec.id}$`, 'm'));
    assert.match(text, /^@covers "[^"]+"$/m);
    assert.match(text, /^[a-z_]+\([a-z_]+(, [a-z_]+)+\) -> result$/m);
    assert.match(text, /^case_1 \| .+ \| .+ \| .+$/m);
    assert.match(text, /^scenario [a-z ]+:\nwhen \$ \S+ .+\nthen exit 0\nthen stdout has "\w+"$/m);
    for (const title of [...text.matchAll(/^@covers "([^"]+)"$/gm)].map((m) => m[1]!)) {
      assert.ok(spec.requirements.includes(title), `@covers "${title}" names a requirement of ${spec.id}`);
    }
  }
});

test('depends edges point at existing earlier ids and form a DAG', () => {
  const order = new Map(project.specs.map((s, i) => [s.id, i]));
  let edges = 0;
  for (const spec of project.specs) {
    const raw = frontmatter(read(spec.smd)).depends;
    const depends = Array.isArray(raw) ? raw.map(String) : [];
    assert.deepEqual(depends, spec.depends);
    assert.ok(depends.length <= 3);
    assert.equal(new Set(depends).size, depends.length, 'no duplicate edges');
    for (const dep of depends) {
      assert.ok(order.has(dep), `${spec.id} depends on unknown ${dep}`);
      assert.ok(order.get(dep)! < order.get(spec.id)!, `${spec.id} depends on later ${dep}`);
    }
    edges += depends.length;
  }
  assert.ok(edges >= SPECS / 2, `enough edges to be realistic (${edges})`);
});

test('the same seed writes the same bytes; another seed does not', () => {
  const again = generateProject(join(temp, 'b'), { specs: SPECS, seed: 7 });
  assert.deepEqual(again.files, project.files);
  for (const rel of project.files) assert.equal(readFileSync(join(again.root, rel), 'utf8'), read(rel), rel);
  const other = generateProject(join(temp, 'c'), { specs: SPECS, seed: 8 });
  assert.notDeepEqual(
    other.files.map((rel) => readFileSync(join(other.root, rel), 'utf8')),
    project.files.map(read),
  );
});

test('validateProject reports zero errors on the generated project', async () => {
  const result = await validateProject({ configPath: project.configPath });
  const errors = result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${relative(project.root, d.file)}:${d.range.start.line + 1} ${d.code} ${d.message}`);
  assert.deepEqual(errors, []);
  assert.equal(result.summary.smd, SPECS);
  assert.equal(result.summary.amd, project.specs.filter((s) => s.amd).length);
  assert.equal(result.summary.vmd, project.specs.filter((s) => s.vmd).length);
});
