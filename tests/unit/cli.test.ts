import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { proceeds } from '../helpers/cli.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('proceeds CLI', () => {
  it('creates and lists cases, with --json on stdout', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const db = path.join(dir, 'p.sqlite');
    const created = proceeds(['--db', db, '--json', 'case', 'create', '--number', 'TF-9', '--title', 'Nine']);
    expect(created.status).toBe(0);
    expect(created.json().number).toBe('TF-9');
    const list = proceeds(['--db', db, '--json', 'case', 'list']);
    expect(list.json().map((c: { number: string }) => c.number)).toEqual(['TF-9']);
    const human = proceeds(['--db', db, 'case', 'list']);
    expect(human.stdout).toMatch(/TF-9\s+open\s+Nine/);
  });

  it('a duplicate case number fails with the field named on stderr, non-zero exit, nothing written', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const db = path.join(dir, 'p.sqlite');
    proceeds(['--db', db, 'case', 'create', '--number', 'TF-9', '--title', 'Nine']);
    const dup = proceeds(['--db', db, '--json', 'case', 'create', '--number', 'TF-9', '--title', 'Again']);
    expect(dup.status).toBe(1);
    expect(dup.stdout).toBe('');
    const err = JSON.parse(dup.stderr).error;
    expect(err.code).toBe('Conflict');
    expect(err.issues[0].path).toBe('number');
    expect(proceeds(['--db', db, '--json', 'case', 'list']).json()).toHaveLength(1);
  });

  it('a missing option is a usage error (exit 2)', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const r = proceeds(['--db', path.join(dir, 'p.sqlite'), 'case', 'create', '--number', 'X']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--title/);
  });

  it('`proceeds backup` writes a consistent copy through the backup API', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const db = path.join(dir, 'p.sqlite');
    proceeds(['--db', db, 'case', 'create', '--number', 'TF-B', '--title', 'Backed up']);
    const out = path.join(dir, 'copy.sqlite');
    expect(proceeds(['--db', db, 'backup', '--out', out]).status).toBe(0);
    const copy = proceeds(['--db', out, '--json', 'case', 'list']);
    expect(copy.json().map((c: { number: string }) => c.number)).toEqual(['TF-B']);
    expect(proceeds(['--db', out, '--json', 'audit', 'verify']).json().ok).toBe(true);
  });
});
