import fs from 'node:fs';
import { ProceedsError } from '../core/errors.js';

/**
 * Where the command line gets a passphrase: never from an argument (it would sit in the shell's
 * history and in every process listing), but from a file descriptor (`--passphrase-fd N`), a
 * file named by an environment variable, or the terminal, typed without echo.
 */
export interface PassphraseSource {
  /** --passphrase-fd / --new-passphrase-fd. */
  fd?: string;
  /** PROCEEDS_PASSPHRASE_FILE / PROCEEDS_NEW_PASSPHRASE_FILE. */
  fileEnv: string;
  /** What the prompt asks for. */
  prompt: string;
  /** Ask twice on a terminal (a new passphrase). */
  confirm?: boolean;
}

/** One line: the passphrase ends at the first newline (what `echo` or a password manager writes). */
const firstLine = (s: string) => s.replace(/\r?\n[\s\S]*$/, '');

/** Whether a passphrase can be had without asking (fd or file): what lets a new database be created encrypted. */
export const givenWithoutAsking = (src: PassphraseSource) => src.fd !== undefined || Boolean(process.env[src.fileEnv]);

export async function readPassphrase(src: PassphraseSource): Promise<string> {
  let value: string;
  if (src.fd !== undefined) {
    const fd = Number(src.fd);
    if (!Number.isInteger(fd) || fd < 0) throw new ProceedsError('Invalid', `--passphrase-fd: not a file descriptor: ${src.fd}`, [{ path: 'passphrase-fd', message: 'not a file descriptor' }]);
    try {
      value = firstLine(fs.readFileSync(fd, 'utf8'));
    } catch (e) {
      throw new ProceedsError('Invalid', `cannot read a passphrase from file descriptor ${fd}: ${(e as Error).message}`, [{ path: 'passphrase-fd', message: 'cannot read' }]);
    }
  } else if (process.env[src.fileEnv]) {
    const file = process.env[src.fileEnv]!;
    try {
      value = firstLine(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ProceedsError('Invalid', `${src.fileEnv}: cannot read ${file}: ${(e as Error).message}`, [{ path: src.fileEnv, message: 'cannot read' }]);
    }
  } else if (process.stdin.isTTY && process.stderr.isTTY) {
    value = await promptHidden(`${src.prompt}: `);
    if (src.confirm && (await promptHidden('the same again: ')) !== value) throw new ProceedsError('Invalid', 'the two passphrases differ; nothing was changed');
  } else {
    throw new ProceedsError('Forbidden', `${src.prompt}: give it with --passphrase-fd N or ${src.fileEnv}, or run on a terminal to type it; nothing was changed`, [{ path: 'passphrase', message: 'passphrase needed' }]);
  }
  if (!value) throw new ProceedsError('Invalid', `${src.prompt}: the passphrase is empty; nothing was changed`, [{ path: 'passphrase', message: 'empty' }]);
  return value;
}

/** Reads a line from the terminal with echo off (raw mode), Ctrl-C aborting. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new ProceedsError('Cancelled', 'cancelled: nothing was changed'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
