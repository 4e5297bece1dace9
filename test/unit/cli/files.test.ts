import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectInputs, InputError, MAX_INPUT_BYTES, readBounded, STDIN_PATH } from '../../../src/cli/files';
import { decodeManifestBytes as decodeText } from '../../../src/manifests/decode';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/cli');

describe('cli/files', () => {
  it('walks folders recursively for yaml, yml and json, sorted, skipping other files', async () => {
    const files = await collectInputs(['folder'], { cwd: fixtures });
    assert.deepEqual(files.map((f) => f.path), ['folder/a.yaml', 'folder/c.json', 'folder/sub/b.yml', 'folder/sub/skipped.yaml']);
    assert.match(files[0].text, /name: a/);
  });

  it('applies exclude globs to walked files, relative to the cwd or to the folder given', async () => {
    assert.deepEqual((await collectInputs(['folder'], { cwd: fixtures, exclude: ['**/skipped.yaml'] })).map((f) => f.path), ['folder/a.yaml', 'folder/c.json', 'folder/sub/b.yml']);
    assert.deepEqual((await collectInputs(['folder'], { cwd: fixtures, exclude: ['sub'] })).map((f) => f.path), ['folder/a.yaml', 'folder/c.json']);
    assert.deepEqual((await collectInputs(['.'], { cwd: path.join(fixtures, 'folder'), exclude: ['sub/**'] })).map((f) => f.path), ['a.yaml', 'c.json']);
  });

  it('reads files named explicitly whatever their extension, once each', async () => {
    const files = await collectInputs(['folder/notes.txt', 'valid.yaml', './valid.yaml'], { cwd: fixtures });
    assert.deepEqual(files.map((f) => f.path), ['folder/notes.txt', 'valid.yaml']);
  });

  it('reads stdin for "-"', async () => {
    const files = await collectInputs(['-', 'valid.yaml', '-'], { cwd: fixtures, readStdin: async () => 'kind: X\n' });
    assert.deepEqual(files.map((f) => f.path), [STDIN_PATH, 'valid.yaml']);
    assert.equal(files[0].text, 'kind: X\n');
  });

  it('reads UTF-16 files with a byte order mark as kubectl does (PowerShell\'s `>` writes them), and strips a UTF-8 BOM', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: é}\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    assert.equal(decodeText(le), yaml);
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), yaml);
    assert.equal(decodeText(Buffer.from(`\ufeff${yaml}`, 'utf8')), yaml);
    assert.equal(decodeText(Buffer.from(yaml, 'utf8')), yaml);
    // without a BOM UTF-16 stays undecoded: NUL bytes, which the parser reports as not YAML text
    assert.match(decodeText(Buffer.from(yaml, 'utf16le')), /\u0000/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-utf16-'));
    try {
      fs.writeFileSync(path.join(dir, 'windows.yaml'), le);
      const [file] = await collectInputs(['windows.yaml'], { cwd: dir });
      assert.equal(file.text, yaml);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads devices and pipes only up to a bound: an endless input is a clear InputError, not an exhausted heap', async function () {
    if (!fs.existsSync('/dev/zero')) this.skip();
    await assert.rejects(collectInputs(['/dev/zero'], { cwd: fixtures }), (e: unknown) => e instanceof InputError && (e as Error).message === `cannot read /dev/zero: more than ${MAX_INPUT_BYTES / 1048576} MB`);
    assert.equal((await collectInputs(['/dev/null'], { cwd: fixtures }))[0].text, '');
    assert.equal(readBounded(path.join(fixtures, 'valid.yaml')).toString('utf8'), fs.readFileSync(path.join(fixtures, 'valid.yaml'), 'utf8'));
    assert.throws(() => readBounded(fixtures), (e: unknown) => e instanceof InputError && /is a directory/.test((e as Error).message));
  });

  it('a missing path is an InputError naming it', async () => {
    await assert.rejects(collectInputs(['nope.yaml'], { cwd: fixtures }), (e: unknown) => e instanceof InputError && /cannot read nope\.yaml: no such file or directory/.test((e as Error).message));
  });

  it('skips .git and node_modules, survives symlink loops, strips a BOM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-files-'));
    try {
      fs.mkdirSync(path.join(dir, '.git'));
      fs.writeFileSync(path.join(dir, '.git', 'x.yaml'), 'a: 1\n');
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.writeFileSync(path.join(dir, 'node_modules', 'y.yaml'), 'a: 1\n');
      fs.writeFileSync(path.join(dir, 'bom.yaml'), '\ufeffkind: X\n');
      fs.symlinkSync(dir, path.join(dir, 'loop'));
      const files = await collectInputs([dir]);
      assert.deepEqual(files.map((f) => path.relative(dir, f.path)), ['bom.yaml']);
      assert.equal(files[0].text, 'kind: X\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
