import fs from 'node:fs';
import { SaxesParser } from 'saxes';
import { invalid } from '../errors.js';

/** One element of a record, with its text and the line it opens on. */
export interface XmlNode {
  name: string;
  line: number;
  text: string;
  children: XmlNode[];
}

export const child = (n: XmlNode | undefined, name: string): XmlNode | undefined => n?.children.find((c) => c.name === name);
export const childText = (n: XmlNode | undefined, name: string): string => child(n, name)?.text.trim() ?? '';
export const childrenNamed = (n: XmlNode | undefined, name: string): XmlNode[] => n?.children.filter((c) => c.name === name) ?? [];

/** A structural error naming the element, its line and the reason; nothing is imported. */
export const xmlError = (element: string, line: number, reason: string) => invalid('file', `line ${line}: <${element}>: ${reason}`);

export interface XmlStreamHandlers {
  /** The root element's name and line, checked before anything else is read. */
  root(name: string, line: number): void;
  /** Whether an element at this depth (1 = child of the root) starts a record kept as a tree. */
  isRecord(name: string, depth: number): boolean;
  /** A whole record, handed over as soon as it closes (then dropped: memory stays flat). */
  record(node: XmlNode): void;
  /** A simple child of the root that is not a record (header fields). */
  header(node: XmlNode): void;
  progress?(bytes: number): void;
}

/**
 * Streams an XML file through saxes, keeping in memory only the record being read (a goAML
 * transaction, say): a file of a million records reads in constant memory. A well-formedness error
 * names its line; namespaces prefixes are dropped from element names.
 */
export async function streamXmlRecords(path: string, h: XmlStreamHandlers): Promise<void> {
  const parser = new SaxesParser({ position: true });
  const stack: XmlNode[] = [];
  let depth = 0;
  let recordDepth = 0;
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= invalid('file', `line ${parser.line}: not well-formed XML: ${e.message.replace(/^.*?:\d+:\d+: /, '')}`);
  });
  parser.on('opentag', (tag) => {
    const name = tag.name.replace(/^.*:/, '');
    depth++;
    if (depth === 1) return h.root(name, parser.line);
    const node: XmlNode = { name, line: parser.line, text: '', children: [] };
    if (recordDepth === 0 && !(depth === 2 || h.isRecord(name, depth - 1))) return;
    if (recordDepth === 0 && h.isRecord(name, depth - 1)) recordDepth = depth;
    if (stack.length) stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    if (depth >= 2 && stack.length && (recordDepth ? depth >= recordDepth : depth === 2)) {
      const node = stack.pop()!;
      if (recordDepth === depth) {
        recordDepth = 0;
        h.record(node);
      } else if (!recordDepth && depth === 2) h.header(node);
    }
    depth--;
  });
  let bytes = 0;
  for await (const chunk of fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    parser.write(chunk as string);
    if (failure) throw failure;
    bytes += Buffer.byteLength(chunk as string);
    h.progress?.(bytes);
  }
  parser.close();
  if (failure) throw failure;
}
